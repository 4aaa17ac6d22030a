package dev.billforge.notification.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.directory.KnownCustomer;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.notification.domain.InvoiceDescription;
import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationDraft;
import dev.billforge.notification.domain.NotificationType;
import dev.billforge.notification.store.InvoiceCopies;
import dev.billforge.notification.store.NotificationStore;

/** Recording notifications from billing events, and reading them back. Delivery is {@link NotificationDispatcher}'s. */
@ApplicationScoped
public class NotificationService {

    private final NotificationStore store;
    private final CustomerDirectory customers;
    private final Clock clock;
    private final InvoiceCopies invoices;
    private final NotificationSettings settings;

    public NotificationService(NotificationStore store, CustomerDirectory customers, Clock clock,
            InvoiceCopies invoices, NotificationSettings settings) {
        this.invoices = invoices;
        this.settings = settings;
        this.store = store;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Keeps the invoices as the events describe them (what a receipt's PDF is printed from), with one statement, and
     * makes the receipts waiting for an invoice now reported paid due; runs in the consumer's transaction.
     */
    public Uni<Void> rememberInvoices(List<InvoiceDescription> described) {
        List<InvoiceDescription> paid = described.stream().filter(d -> "paid".equals(d.invoice().status())).toList();
        if (paid.isEmpty()) {
            return invoices.rememberAll(described);
        }
        // Every described invoice, paid or not: its copy's row is locked by the write below, after the advisory lock,
        // as a receipt's transaction takes them.
        return invoices.lockAll(described.stream().map(d -> InvoiceCopies.key(d.tenantId(), d.invoice().id())).toList())
                .chain(() -> invoices.rememberAll(described))
                .chain(() -> store.wakeReceiptsOf(paid.stream().map(InvoiceDescription::tenantId).toList(),
                        paid.stream().map(d -> d.invoice().id()).toList(), settings.receiptInvoiceWait(),
                        clock.instant()));
    }

    /**
     * A notification a billing event asks for.
     *
     * @param journey the trace context its delivery continues
     */
    public record Drafted(NotificationDraft draft, Context journey) {
    }

    /**
     * Records the notifications billing events ask for, each addressed to the customer's billing email when the
     * customer is known already (else the dispatcher fills it in later). Runs inside the consumer's Inbox
     * transaction, so it opens none of its own; a second notification of the same type for the same event is never
     * recorded (a second guard beside the Inbox, backed by a unique constraint). Which events have their notification
     * already and the customers are read with one query each, and the new notifications written with one more.
     */
    public Uni<Void> recordAll(List<Drafted> drafts) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<KnownCustomer.Key> customerKeys = drafts.stream()
                .map(d -> new KnownCustomer.Key(d.draft().tenantId(), d.draft().customerId())).toList();
        return store.recordedForEvents(drafts.stream().map(d -> d.draft().tenantId()).toList(),
                drafts.stream().map(d -> d.draft().eventId()).toList())
                .chain(recorded -> customers.findAllEvenIfDeleted(customerKeys).map(known -> {
                    Set<String> taken = new HashSet<>(recorded);
                    List<Notification> fresh = new ArrayList<>();
                    for (Drafted d : drafts) {
                        NotificationDraft draft = d.draft();
                        if (!taken.add(draft.tenantId() + '\n' + draft.eventId() + '\n' + draft.type().wire())) {
                            continue; // never a second notification of one type for one event
                        }
                        KnownCustomer customer = known.get(CustomerDirectory.key(draft.tenantId(),
                                draft.customerId()));
                        String traceParent;
                        try (Scope inItsJourney = d.journey().makeCurrent()) {
                            traceParent = Tracing.currentTraceParent();
                        }
                        fresh.add(Notification.record(TimeOrderedIds.next(), draft,
                                customer == null || !customer.live() ? null : customer.billingEmail, clock.instant(),
                                traceParent));
                    }
                    return fresh;
                }))
                .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                        : holdReceiptsForTheirInvoices(fresh).chain(() -> store.insertAll(fresh)));
    }

    /**
     * A receipt carries its invoice's PDF, printed once the invoice is reported paid, which usually arrives just after
     * the payment. A receipt whose invoice is not paid yet is recorded due when the wait for it ends
     * ({@code receipt-invoice-wait}); the invoice reported paid makes it due at once ({@link #rememberInvoices}). So
     * the dispatcher takes each receipt up once, instead of looking at it again every few seconds until then.
     */
    private Uni<Void> holdReceiptsForTheirInvoices(List<Notification> fresh) {
        List<Notification> receipts = fresh.stream()
                .filter(n -> n.type() == NotificationType.PAYMENT_RECEIPT && n.invoiceId() != null).toList();
        if (receipts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return invoices.lockAll(receipts.stream().map(n -> InvoiceCopies.key(n.tenantId(), n.invoiceId())).toList())
                .chain(() -> invoices.paidAmong(receipts.stream().map(Notification::tenantId).toList(),
                        receipts.stream().map(Notification::invoiceId).toList()))
                .invoke(paid -> receipts.stream()
                        .filter(receipt -> !paid.contains(InvoiceCopies.key(receipt.tenantId(), receipt.invoiceId())))
                        .forEach(receipt -> receipt.waitUntil(receipt.createdAt().plus(settings.receiptInvoiceWait()))))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Notification> get(String tenantId, UUID id) {
        return store.findById(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.NOTIFICATION_NOT_FOUND, "notification", id));
    }

    /** Newest first, optionally only one customer's and/or one type's. */
    @WithSession
    public Uni<Page<Notification>> list(String tenantId, UUID customerId, NotificationType type, PageRequest page) {
        return page.cursor(id -> store.findById(tenantId, id), "notification")
                .flatMap(after -> store.page(tenantId, customerId, type, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }
}
