package dev.billforge.notification.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.billforge.chassis.reactive.VertxContexts;
import dev.billforge.document.InvoiceDocument;
import dev.billforge.document.InvoiceDocuments;
import dev.billforge.document.InvoicePdf;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationAttachment;
import dev.billforge.notification.domain.NotificationType;
import dev.billforge.notification.store.InvoiceCopies;

/**
 * The invoice PDF a payment receipt carries, printed from this service's copy of the paid invoice (the same snapshot
 * invoicing-service prints its download from). The receipt is recorded from {@code payment.succeeded}, which can
 * arrive before {@code invoice.paid} (another topic): it waits for the paid invoice up to
 * {@code billforge.notification.receipt-invoice-wait}, then goes without the PDF rather than not at all.
 */
@ApplicationScoped
public class ReceiptAttachments {

    private static final Logger LOG = Logger.getLogger(ReceiptAttachments.class);

    /** What a notification is to carry: nothing, the invoice to print, or not known yet (wait). */
    public record InvoiceToAttach(boolean waiting, InvoiceSnapshot invoice) {

        static final InvoiceToAttach NONE = new InvoiceToAttach(false, null);
        static final InvoiceToAttach WAIT = new InvoiceToAttach(true, null);
    }

    private final InvoiceCopies copies;
    private final NotificationSettings settings;

    public ReceiptAttachments(InvoiceCopies copies, NotificationSettings settings) {
        this.copies = copies;
        this.settings = settings;
    }

    /**
     * Runs in the dispatcher's transaction: which invoice, if any, each notification should carry now (keyed by
     * notification id); the copies are read with one query.
     */
    public Uni<Map<UUID, InvoiceToAttach>> invoicesFor(List<Notification> notifications, Instant now) {
        List<Notification> receipts = notifications.stream()
                .filter(n -> n.type() == NotificationType.PAYMENT_RECEIPT && n.invoiceId() != null).toList();
        return copies.findAll(receipts.stream().map(Notification::tenantId).toList(),
                receipts.stream().map(Notification::invoiceId).toList()).map(found -> {
            Map<UUID, InvoiceToAttach> attach = new HashMap<>();
            notifications.forEach(notification -> attach.put(notification.id(), InvoiceToAttach.NONE));
            for (Notification receipt : receipts) {
                String key = InvoiceCopies.key(receipt.tenantId(), receipt.invoiceId());
                InvoiceSnapshot copy = found.get(key);
                if (copy != null && "paid".equals(copy.status())) {
                    attach.put(receipt.id(), new InvoiceToAttach(false, copy));
                } else if (found.containsKey(key) && copy == null) {
                    // A copy that cannot be read (a retired sealing key, say) must not hold the receipt back for ever.
                    LOG.errorf("Receipt %s goes without its invoice PDF: the copy of invoice %s is unreadable",
                            receipt.id(), receipt.invoiceId());
                } else if (now.isBefore(receipt.createdAt().plus(settings.receiptInvoiceWait()))) {
                    attach.put(receipt.id(), InvoiceToAttach.WAIT);
                } else {
                    LOG.warnf("Receipt %s goes without its invoice PDF: invoice %s was not reported paid within %s",
                            receipt.id(), receipt.invoiceId(), settings.receiptInvoiceWait());
                }
            }
            return attach;
        });
    }

    /**
     * The PDF of {@code invoice} (none for null), rendered on a worker thread (milliseconds of CPU: not for the event
     * loop), within the send timeout. A failure to render is logged and the receipt sent without it: the payment must
     * still be confirmed.
     */
    public Uni<List<NotificationAttachment>> render(InvoiceSnapshot invoice) {
        if (invoice == null) {
            return Uni.createFrom().item(List.of());
        }
        // Back on the dispatcher's Vert.x context at once: what follows (the send, collecting the outcomes) would
        // otherwise run on the worker, where every callback pays for copying the trace and log contexts anew.
        return VertxContexts.resumingHere(Uni.createFrom().item(() -> {
            InvoiceDocument document = InvoiceDocuments.from(invoice);
            return List.of(new NotificationAttachment(InvoicePdf.fileName(document), InvoicePdf.MEDIA_TYPE,
                    InvoicePdf.render(document)));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .ifNoItem().after(settings.sendTimeout()).fail() // within the dispatcher's lease, like a send
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "Invoice %s could not be printed; its receipt goes without the PDF",
                            invoice.id());
                    return List.of();
                });
    }
}
