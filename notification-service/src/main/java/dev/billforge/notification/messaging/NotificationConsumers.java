package dev.billforge.notification.messaging;

import java.util.List;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.chassis.inbox.EventRoutes;
import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.notification.domain.InvoiceDescription;
import dev.billforge.notification.domain.NotificationDraft;
import dev.billforge.notification.service.NotificationService;
import dev.billforge.notification.service.WebhookFanOut;

/**
 * Records one notification per billing event a customer should hear of, and queues every event for the tenant's
 * webhook endpoints. Both read in batches; each event is processed once per consumer name below (chassis Inbox);
 * delivery happens later, in the dispatchers.
 *
 * <p>Deliberately not consumed: {@code subscription.created} and {@code subscription.updated} (the customer acted
 * or will hear of the invoice). {@code invoice.finalized} and {@code invoice.paid} also keep this service's copy of
 * the invoice, which the payment receipt's PDF is printed from; {@code invoice.paid} is not told on its own (the
 * payment receipt already tells them).
 */
@ApplicationScoped
public class NotificationConsumers {

    public static final String INVOICE_FINALIZED = "invoice-finalized";
    public static final String INVOICE_PAID = "invoice-paid";
    public static final String PAYMENT_SUCCEEDED = "payment-succeeded";
    public static final String PAYMENT_FAILED = "payment-failed";
    public static final String SUBSCRIPTION_CANCELED = "subscription-canceled";
    public static final String PAYMENT_ACTION_REQUIRED = "payment-action-required";
    public static final String TRIAL_WILL_END = "subscription-trial-will-end";
    public static final String CREDIT_NOTE_ISSUED = "credit-note-issued";

    /** Every published topic (see application.properties), in a consumer group of its own. */
    public static final String TENANT_WEBHOOKS = "tenant-webhooks";

    /** The customer-facing events (every topic above), in batches. */
    public static final String CHANNEL = "notification-events";

    private final Inbox inbox;
    private final EventRoutes routes;
    private final EventRoutes webhookRoutes;
    private final NotificationService notifications;

    public NotificationConsumers(Inbox inbox, NotificationService notifications, WebhookFanOut webhooks) {
        this.inbox = inbox;
        this.notifications = notifications;
        // Each type's events of a consumed batch are recorded at once (NotificationService.recordAll).
        this.routes = EventRoutes.builder()
                .onBatch(EventCatalog.INVOICE_FINALIZED, INVOICE_FINALIZED, events -> notifications
                        .rememberInvoices(events.stream().map(e -> new InvoiceDescription(e.event().tenantid(),
                                e.data().invoice(), e.event().time())).toList())
                        .chain(() -> notifications.recordAll(drafts(events, NotificationEvents::invoiceFinalized))))
                // Not told to the customer (the receipt does that): kept for the receipt's invoice PDF.
                .onBatch(EventCatalog.INVOICE_PAID, INVOICE_PAID, events -> notifications.rememberInvoices(events
                        .stream().map(e -> new InvoiceDescription(e.event().tenantid(), e.data().invoice(),
                                e.event().time())).toList()))
                .onBatch(EventCatalog.PAYMENT_SUCCEEDED, PAYMENT_SUCCEEDED, recorded(NotificationEvents::paymentSucceeded))
                .onBatch(EventCatalog.PAYMENT_FAILED, PAYMENT_FAILED, recorded(NotificationEvents::paymentFailed))
                .onBatch(EventCatalog.SUBSCRIPTION_CANCELED, SUBSCRIPTION_CANCELED,
                        recorded(NotificationEvents::subscriptionCanceled))
                .onBatch(EventCatalog.PAYMENT_ACTION_REQUIRED, PAYMENT_ACTION_REQUIRED,
                        recorded(NotificationEvents::paymentActionRequired))
                .onBatch(EventCatalog.SUBSCRIPTION_TRIAL_WILL_END, TRIAL_WILL_END,
                        recorded(NotificationEvents::trialWillEnd))
                // A refund is told once its credit note exists, so the email can name it.
                .onBatch(EventCatalog.CREDIT_NOTE_ISSUED, CREDIT_NOTE_ISSUED,
                        recorded(NotificationEvents::creditNoteIssued))
                .buildFor(CHANNEL);
        // Every billing event, whatever its type, is queued for the tenant's webhook endpoints that want it. Read as
        // an envelope only: endpoints receive the event exactly as published, including types this service has no
        // record class for.
        this.webhookRoutes = EventRoutes.builder()
                .onEveryOtherTopic(TENANT_WEBHOOKS, webhooks::queue)
                // Most tenants have no endpoint: their events are passed over with one query per batch.
                .onlyForTenants(webhooks::tenantsWithEndpoints)
                .buildFor(TENANT_WEBHOOKS);
    }

    /** The effect of customer-facing events: the notification {@code draft} makes of each is recorded. */
    private <T> EventRoutes.BatchEffect<T> recorded(BiFunction<EventEnvelope<JsonNode>, T, NotificationDraft> draft) {
        return events -> notifications.recordAll(drafts(events, draft));
    }

    private static <T> List<NotificationService.Drafted> drafts(List<EventRoutes.Received<T>> events,
            BiFunction<EventEnvelope<JsonNode>, T, NotificationDraft> draft) {
        return events.stream().map(e -> new NotificationService.Drafted(draft.apply(e.event(), e.data()), e.journey()))
                .toList();
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, routes);
    }

    @Incoming(TENANT_WEBHOOKS)
    public Uni<Void> consumeForWebhooks(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, webhookRoutes);
    }
}
