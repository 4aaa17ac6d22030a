package dev.billforge.invoicing.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import dev.billforge.chassis.inbox.EventRoutes;
import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.invoicing.service.InvoiceBilling;
import dev.billforge.invoicing.service.SubscriptionInvoicing;

/**
 * The events invoicing acts on, read in batches on one channel (its topics are listed in application.properties).
 * Each is applied once per event id, in the batch's transaction (see {@link Inbox}). The names below are the
 * consumer names the inbox records events under.
 */
@ApplicationScoped
public class InvoiceConsumers {

    public static final String CHANNEL = "invoicing-events";

    public static final String SUBSCRIPTION_CREATED = "subscription-created";
    public static final String SUBSCRIPTION_RENEWED = "subscription-renewed";
    public static final String SUBSCRIPTION_RESUMED = "subscription-resumed";
    public static final String SUBSCRIPTION_PLAN_CHANGED = "subscription-plan-changed";
    public static final String SUBSCRIPTION_CANCELED = "subscription-canceled";
    public static final String SUBSCRIPTION_UPDATED = "subscription-updated";
    public static final String SUBSCRIPTION_PAUSED = "subscription-paused";
    public static final String PAYMENT_SUCCEEDED = "payment-succeeded";
    public static final String PAYMENT_FAILED = "payment-failed";
    public static final String PAYMENT_REFUNDED = "payment-refunded";
    public static final String DUNNING_EXHAUSTED = "dunning-exhausted";

    private final Inbox inbox;
    private final EventRoutes routes;

    public InvoiceConsumers(Inbox inbox, InvoiceBilling billing, SubscriptionInvoicing subscriptions) {
        this.inbox = inbox;
        // Every subscription event also updates invoicing's copy of the subscription (for the upcoming invoice).
        this.routes = EventRoutes.builder()
                // A new subscription's first period is invoiced at once, unless it starts with a trial.
                .on(EventCatalog.SUBSCRIPTION_CREATED, SUBSCRIPTION_CREATED, (event, data) -> subscriptions
                        .remember(event.tenantid(), data.subscription(), event.time())
                        .chain(() -> subscriptions.invoiceFirstPeriod(event.tenantid(), data.subscription()))
                        .replaceWithVoid())
                // Each period a subscription enters on the bill run (a renewal, a trial's end) is invoiced in advance,
                // a consumed batch's renewals all at once.
                .onBatch(EventCatalog.SUBSCRIPTION_RENEWED, SUBSCRIPTION_RENEWED, subscriptions::invoiceRenewals)
                // A resumed subscription's new period (from the resume instant) is invoiced at once.
                .on(EventCatalog.SUBSCRIPTION_RESUMED, SUBSCRIPTION_RESUMED, (event, data) -> subscriptions
                        .remember(event.tenantid(), data.subscription(), event.time())
                        .chain(() -> subscriptions.invoicePeriod(event.tenantid(), data.subscription(),
                                data.periodStart(), data.periodEnd()))
                        .replaceWithVoid())
                // A plan change is invoiced now, kept for the next invoice, or not billed, as its proration says.
                .on(EventCatalog.SUBSCRIPTION_PLAN_CHANGED, SUBSCRIPTION_PLAN_CHANGED, (event, data) -> subscriptions
                        .remember(event.tenantid(), data.subscription(), event.time())
                        .chain(() -> subscriptions.billPlanChange(event.tenantid(), data)))
                // Canceled now: its unpaid invoices are voided; pending prorations are billed.
                .on(EventCatalog.SUBSCRIPTION_CANCELED, SUBSCRIPTION_CANCELED, (event, data) -> subscriptions
                        .remember(event.tenantid(), data.subscription(), event.time())
                        .chain(() -> subscriptions.subscriptionEnded(event.tenantid(), data)))
                // Set to cancel at its period end (or not), paused: no invoice changes, but the next one may not come.
                .on(EventCatalog.SUBSCRIPTION_UPDATED, SUBSCRIPTION_UPDATED,
                        (event, data) -> subscriptions.remember(event.tenantid(), data.subscription(), event.time()))
                .on(EventCatalog.SUBSCRIPTION_PAUSED, SUBSCRIPTION_PAUSED,
                        (event, data) -> subscriptions.remember(event.tenantid(), data.subscription(), event.time()))
                // A batch's captured payments are credited at once.
                .onBatch(EventCatalog.PAYMENT_SUCCEEDED, PAYMENT_SUCCEEDED, billing::recordSucceeded)
                .on(EventCatalog.PAYMENT_FAILED, PAYMENT_FAILED, (event, data) -> billing
                        .recordFailedPayment(event.tenantid(), data.payment(), data.nextRetryAt()))
                // Each refund gets its credit note.
                .on(EventCatalog.PAYMENT_REFUNDED, PAYMENT_REFUNDED,
                        (event, data) -> billing.creditRefund(event.tenantid(), data.payment(), data.refund()))
                // Dunning gave up: the invoice is uncollectible.
                .on(EventCatalog.DUNNING_EXHAUSTED, DUNNING_EXHAUSTED,
                        (event, data) -> billing.markUncollectible(event.tenantid(), data))
                .buildFor(CHANNEL);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, routes);
    }
}

