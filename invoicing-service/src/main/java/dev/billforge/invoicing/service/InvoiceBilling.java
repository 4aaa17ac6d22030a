package dev.billforge.invoicing.service;

import static dev.billforge.chassis.persistence.StoredInstants.micros;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.EventRoutes.Received;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.payment.RefundSnapshot;
import dev.billforge.invoicing.domain.CreditNote;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.PaymentError;
import dev.billforge.invoicing.messaging.InvoiceEvents;
import dev.billforge.invoicing.store.CreditNoteStore;
import dev.billforge.invoicing.store.DocumentNumberSequence;
import dev.billforge.invoicing.store.InvoiceStore;

/**
 * What payment-service's events do to invoices: payments credited, failures recorded, dunning giving up, refunds
 * credited. (What subscriptions' events do is {@link SubscriptionInvoicing}.) Every method runs inside the transaction
 * the consumer's {@code Inbox} opened for the event (so none opens its own), and announces its change through the
 * outbox in it.
 */
@ApplicationScoped
public class InvoiceBilling {

    private static final Logger LOG = Logger.getLogger(InvoiceBilling.class);

    private final InvoiceStore store;
    private final CreditNoteStore creditNotes;
    private final DocumentNumberSequence numbers;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final RevenueRecognition revenue;

    public InvoiceBilling(InvoiceStore store, CreditNoteStore creditNotes, DocumentNumberSequence numbers,
            Outbox outbox, BusinessClock clock, RevenueRecognition revenue) {
        this.revenue = revenue;
        this.store = store;
        this.creditNotes = creditNotes;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Credits a captured payment to its invoice; when that settles it, the invoice is {@code paid},
     * {@code invoice.paid} is announced and its lines are booked as revenue. A payment for an invoice we do not know,
     * or in another currency, is logged and skipped: failing would only park the event on the dead-letter topic.
     *
     * @param capturedAt when the payment was captured (the event's time); null means now
     */
    public Uni<Void> recordPayment(String tenantId, PaymentSnapshot payment, Instant capturedAt) {
        return recordPayments(List.of(new CapturedPayment(tenantId, payment, capturedAt, Context.current())));
    }

    /**
     * A captured payment to credit.
     *
     * @param capturedAt when it was captured (the event's time); null means now
     * @param journey the trace context its invoice's events are published in
     */
    public record CapturedPayment(String tenantId, PaymentSnapshot payment, Instant capturedAt, Context journey) {
    }

    /** The {@code payment.succeeded} events of a consumed batch, credited as {@link #recordPayments} does. */
    public Uni<Void> recordSucceeded(List<Received<PaymentSucceeded>> succeeded) {
        return recordPayments(succeeded.stream().map(event -> new CapturedPayment(event.event().tenantid(),
                event.data().payment(), event.event().time(), event.journey())).toList());
    }

    /**
     * {@link #recordPayment} for many payments, in order: their invoices locked and read with their lines in two
     * queries, credited in memory and written with one statement, the paid ones' revenue booked as a set and announced
     * with one statement, each in its journey.
     */
    public Uni<Void> recordPayments(List<CapturedPayment> captured) {
        return store.lockAllWithLines(captured.stream().map(c -> c.payment().invoiceId()).toList()).chain(found -> {
            Map<UUID, Invoice> invoices = new HashMap<>();
            found.forEach(invoice -> invoices.put(invoice.id(), invoice));
            List<RevenueRecognition.Paid> paid = new ArrayList<>();
            List<CapturedPayment> settling = new ArrayList<>();
            Set<Invoice> credited = new LinkedHashSet<>(); // an invoice paid twice in the batch is written once
            for (CapturedPayment c : captured) {
                Invoice invoice = invoices.get(c.payment().invoiceId());
                if (invoice != null && !invoice.tenantId().equals(c.tenantId())) {
                    invoice = null; // another tenant's invoice is unknown to this one
                }
                if (!payable(invoice, c.tenantId(), c.payment(), "payment.succeeded")) {
                    continue;
                }
                Instant now = clock.now(c.tenantId());
                credited.add(invoice);
                if (invoice.applyPayment(c.payment().amount(), c.payment().attempt(),
                        c.capturedAt() == null ? now : micros(c.capturedAt()), now)) {
                    paid.add(new RevenueRecognition.Paid(invoice, now));
                    settling.add(c);
                }
            }
            List<Outbox.Publication<?>> announced = new ArrayList<>(paid.size());
            for (int i = 0; i < paid.size(); i++) {
                Invoice invoice = paid.get(i).invoice();
                CapturedPayment c = settling.get(i);
                announced.add(new Outbox.Publication<>(EventCatalog.INVOICE_PAID, c.tenantId(), invoice.id(),
                        InvoiceEvents.paid(invoice, c.payment().id()), c.journey()));
            }
            return store.writePayments(credited).chain(() -> revenue.bookPaidAll(paid))
                    .chain(() -> outbox.publishAll(announced)).replaceWithVoid();
        });
    }

    /**
     * Records a failed payment attempt on its invoice, which stays open: the error and the next attempt (null when
     * none is planned) show on the invoice.
     */
    public Uni<Void> recordFailedPayment(String tenantId, PaymentSnapshot payment, Instant nextRetryAt) {
        return store.lockWithLines(tenantId, payment.invoiceId()).invoke(invoice -> {
            if (payable(invoice, tenantId, payment, "payment.failed")) {
                invoice.recordFailedPayment(payment.attempt(),
                        new PaymentError(payment.failureCode(), payment.failureMessage()), micros(nextRetryAt),
                        clock.now(tenantId));
            }
        }).replaceWithVoid();
    }

    /**
     * Dunning gave up on the invoice: it becomes {@code uncollectible} and {@code invoice.marked_uncollectible} is
     * announced. An invoice that was paid (or marked) meanwhile is left as it is.
     */
    public Uni<Void> markUncollectible(String tenantId, DunningExhausted exhausted) {
        return store.lockWithLines(tenantId, exhausted.invoiceId()).flatMap(invoice -> {
            if (invoice == null) {
                LOG.warnf("dunning.exhausted: invoice %s of tenant %s is unknown; ignored", exhausted.invoiceId(),
                        tenantId);
                return Uni.createFrom().voidItem();
            }
            if (!invoice.markUncollectible(clock.now(tenantId))) {
                return Uni.createFrom().voidItem();
            }
            return outbox.publish(EventCatalog.INVOICE_MARKED_UNCOLLECTIBLE, tenantId, invoice.id(),
                    InvoiceEvents.markedUncollectible(invoice)).replaceWithVoid();
        });
    }

    /**
     * Issues the credit note for a refund of one of the invoice's payments, numbered in the tenant's credit note
     * sequence, announces {@code credit_note.issued} and reverses the revenue it credits. A refund that has its credit
     * note already (the event delivered again) issues nothing, and takes no number.
     */
    public Uni<Void> creditRefund(String tenantId, PaymentSnapshot payment, RefundSnapshot refund) {
        return store.lockWithLines(tenantId, refund.invoiceId()).flatMap(invoice -> {
            if (!payable(invoice, tenantId, payment, "payment.refunded")) {
                return Uni.createFrom().voidItem();
            }
            if (refund.amount() > invoice.refundable()) {
                // The refunded payment never counted towards this invoice (a second charge of an invoice already
                // paid): there is nothing of the invoice to credit. Logged, not failed: retrying cannot change it.
                LOG.warnf("payment.refunded: refund %s of %d exceeds what invoice %s has left to credit (%d); no credit"
                        + " note", refund.id(), refund.amount(), invoice.id(), invoice.refundable());
                return Uni.createFrom().voidItem();
            }
            return creditNotes.existsForRefund(tenantId, refund.id()).flatMap(issued -> issued
                    ? Uni.createFrom().voidItem()
                    : numbers.nextCreditNoteNumber(tenantId).flatMap(number -> {
                        CreditNote note = CreditNote.forRefund(TimeOrderedIds.next(), number, invoice,
                                refund.paymentId(), refund.id(), refund.amount(), refund.reason(), clock.now(tenantId));
                        return creditNotes.persist(note)
                                .chain(() -> revenue.bookCredit(invoice, note))
                                .chain(() -> outbox.publish(EventCatalog.CREDIT_NOTE_ISSUED, tenantId, note.id(),
                                        InvoiceEvents.creditNoteIssued(note, invoice)))
                                .replaceWithVoid();
                    }));
        });
    }

    private static boolean payable(Invoice invoice, String tenantId, PaymentSnapshot payment, String event) {
        if (invoice == null) {
            LOG.warnf("%s: payment %s is for invoice %s, which tenant %s does not have; ignored", event, payment.id(),
                    payment.invoiceId(), tenantId);
            return false;
        }
        if (!invoice.currency().equalsIgnoreCase(payment.currency())) {
            LOG.warnf("%s: payment %s is in %s but invoice %s is in %s; ignored", event, payment.id(),
                    payment.currency(), invoice.id(), invoice.currency());
            return false;
        }
        return true;
    }
}
