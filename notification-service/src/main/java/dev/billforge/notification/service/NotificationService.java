package dev.billforge.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.events.invoice.InvoiceSnapshot;
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

    public NotificationService(NotificationStore store, CustomerDirectory customers, Clock clock,
            InvoiceCopies invoices) {
        this.invoices = invoices;
        this.store = store;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Keeps the invoice as an event of {@code eventTime} describes it (what a receipt's PDF is printed from); runs in
     * the consumer's transaction.
     */
    public Uni<Void> rememberInvoice(String tenantId, InvoiceSnapshot invoice, Instant eventTime) {
        return invoices.remember(tenantId, invoice, eventTime);
    }

    /**
     * Records the notification a billing event asks for, addressed to the customer's billing email when the
     * customer is known already (else the dispatcher fills it in later). Runs inside the consumer's Inbox
     * transaction, so it opens none of its own; a second notification of the same type for the same event is never
     * recorded (a second guard beside the Inbox, backed by a unique constraint).
     */
    public Uni<Void> record(NotificationDraft draft) {
        String traceParent = Tracing.currentTraceParent();
        return store.existsForEvent(draft.tenantId(), draft.eventId(), draft.type()).flatMap(exists -> exists
                ? Uni.createFrom().voidItem()
                : customers.find(draft.tenantId(), draft.customerId())
                        .flatMap(customer -> store.persist(Notification.record(TimeOrderedIds.next(), draft,
                                customer == null ? null : customer.billingEmail, clock.instant(), traceParent)))
                        .replaceWithVoid());
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
