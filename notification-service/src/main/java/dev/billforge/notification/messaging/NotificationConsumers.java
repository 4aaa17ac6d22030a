package dev.billforge.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.notification.service.NotificationService;
import dev.billforge.notification.service.WebhookFanOut;

/**
 * Records one notification per billing event a customer should hear of, one channel per topic. Each event is
 * processed once (chassis Inbox); delivery happens later, in the dispatcher.
 *
 * <p>Deliberately not consumed: {@code subscription.created} and {@code subscription.updated} (the customer acted
 * or will hear of the invoice) and {@code invoice.paid} (the payment receipt already tells them).
 */
@ApplicationScoped
public class NotificationConsumers {

    public static final String INVOICE_FINALIZED = "invoice-finalized";
    public static final String PAYMENT_SUCCEEDED = "payment-succeeded";
    public static final String PAYMENT_FAILED = "payment-failed";
    public static final String SUBSCRIPTION_CANCELED = "subscription-canceled";
    public static final String PAYMENT_ACTION_REQUIRED = "payment-action-required";
    public static final String TRIAL_WILL_END = "subscription-trial-will-end";
    public static final String CREDIT_NOTE_ISSUED = "credit-note-issued";

    /** Every published topic (see application.properties), in a consumer group of its own. */
    public static final String TENANT_WEBHOOKS = "tenant-webhooks";

    private final Inbox inbox;
    private final NotificationService notifications;
    private final WebhookFanOut webhooks;

    public NotificationConsumers(Inbox inbox, NotificationService notifications, WebhookFanOut webhooks) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.webhooks = webhooks;
    }

    /**
     * Every billing event, whatever its type, is queued for the tenant's webhook endpoints that want it. Read as an
     * envelope only: endpoints receive the event exactly as published, including types this service has no record
     * class for.
     */
    @Incoming(TENANT_WEBHOOKS)
    public Uni<Void> onAnyEvent(String payload) {
        EventEnvelope<JsonNode> event = EventJson.read(payload);
        return inbox.withRetries(TENANT_WEBHOOKS, event,
                () -> inbox.processOnce(TENANT_WEBHOOKS, event, () -> webhooks.queue(event, payload)));
    }

    @Incoming(INVOICE_FINALIZED)
    public Uni<Void> onInvoiceFinalized(String payload) {
        return inbox.consume(INVOICE_FINALIZED, payload, EventCatalog.INVOICE_FINALIZED,
                (event, data) -> notifications.record(NotificationEvents.invoiceFinalized(event, data)));
    }

    @Incoming(PAYMENT_SUCCEEDED)
    public Uni<Void> onPaymentSucceeded(String payload) {
        return inbox.consume(PAYMENT_SUCCEEDED, payload, EventCatalog.PAYMENT_SUCCEEDED,
                (event, data) -> notifications.record(NotificationEvents.paymentSucceeded(event, data)));
    }

    @Incoming(PAYMENT_FAILED)
    public Uni<Void> onPaymentFailed(String payload) {
        return inbox.consume(PAYMENT_FAILED, payload, EventCatalog.PAYMENT_FAILED,
                (event, data) -> notifications.record(NotificationEvents.paymentFailed(event, data)));
    }

    @Incoming(SUBSCRIPTION_CANCELED)
    public Uni<Void> onSubscriptionCanceled(String payload) {
        return inbox.consume(SUBSCRIPTION_CANCELED, payload, EventCatalog.SUBSCRIPTION_CANCELED,
                (event, data) -> notifications.record(NotificationEvents.subscriptionCanceled(event, data)));
    }

    @Incoming(PAYMENT_ACTION_REQUIRED)
    public Uni<Void> onPaymentActionRequired(String payload) {
        return inbox.consume(PAYMENT_ACTION_REQUIRED, payload, EventCatalog.PAYMENT_ACTION_REQUIRED,
                (event, data) -> notifications.record(NotificationEvents.paymentActionRequired(event, data)));
    }

    @Incoming(TRIAL_WILL_END)
    public Uni<Void> onTrialWillEnd(String payload) {
        return inbox.consume(TRIAL_WILL_END, payload, EventCatalog.SUBSCRIPTION_TRIAL_WILL_END,
                (event, data) -> notifications.record(NotificationEvents.trialWillEnd(event, data)));
    }

    /** A refund is told once its credit note exists, so the email can name it. */
    @Incoming(CREDIT_NOTE_ISSUED)
    public Uni<Void> onCreditNoteIssued(String payload) {
        return inbox.consume(CREDIT_NOTE_ISSUED, payload, EventCatalog.CREDIT_NOTE_ISSUED,
                (event, data) -> notifications.record(NotificationEvents.creditNoteIssued(event, data)));
    }
}
