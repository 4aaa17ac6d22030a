package dev.billforge.invoicing.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.invoicing.service.InvoiceBilling;
import dev.billforge.invoicing.service.SubscriptionInvoicing;

/**
 * The events invoicing acts on. Each runs once per event id, in one transaction with its effect (see
 * {@link Inbox}); the channels' topics are set in application.properties.
 */
@ApplicationScoped
public class InvoiceConsumers {

    public static final String SUBSCRIPTION_CREATED = "subscription-created";
    public static final String SUBSCRIPTION_RENEWED = "subscription-renewed";
    public static final String SUBSCRIPTION_RESUMED = "subscription-resumed";
    public static final String SUBSCRIPTION_PLAN_CHANGED = "subscription-plan-changed";
    public static final String SUBSCRIPTION_CANCELED = "subscription-canceled";
    public static final String PAYMENT_SUCCEEDED = "payment-succeeded";
    public static final String PAYMENT_FAILED = "payment-failed";
    public static final String PAYMENT_REFUNDED = "payment-refunded";
    public static final String DUNNING_EXHAUSTED = "dunning-exhausted";

    private final Inbox inbox;
    private final InvoiceBilling billing;
    private final SubscriptionInvoicing subscriptions;

    public InvoiceConsumers(Inbox inbox, InvoiceBilling billing, SubscriptionInvoicing subscriptions) {
        this.inbox = inbox;
        this.billing = billing;
        this.subscriptions = subscriptions;
    }

    /** A new subscription's first period is invoiced at once, unless it starts with a trial. */
    @Incoming(SUBSCRIPTION_CREATED)
    public Uni<Void> onSubscriptionCreated(String payload) {
        return inbox.consume(SUBSCRIPTION_CREATED, payload, EventCatalog.SUBSCRIPTION_CREATED,
                (event, data) -> subscriptions.invoiceFirstPeriod(event.tenantid(), data.subscription())
                        .replaceWithVoid());
    }

    /** Each period a subscription enters on the bill run (a renewal, the end of a trial) is invoiced in advance. */
    @Incoming(SUBSCRIPTION_RENEWED)
    public Uni<Void> onSubscriptionRenewed(String payload) {
        return inbox.consume(SUBSCRIPTION_RENEWED, payload, EventCatalog.SUBSCRIPTION_RENEWED,
                (event, data) -> subscriptions.invoicePeriod(event.tenantid(), data.subscription(),
                        data.periodStart(), data.periodEnd()).replaceWithVoid());
    }

    /** A resumed subscription's new period (from the resume instant) is invoiced at once. */
    @Incoming(SUBSCRIPTION_RESUMED)
    public Uni<Void> onSubscriptionResumed(String payload) {
        return inbox.consume(SUBSCRIPTION_RESUMED, payload, EventCatalog.SUBSCRIPTION_RESUMED,
                (event, data) -> subscriptions.invoicePeriod(event.tenantid(), data.subscription(),
                        data.periodStart(), data.periodEnd()).replaceWithVoid());
    }

    /** A plan change is invoiced now, kept for the next invoice, or not billed, as its proration behaviour says. */
    @Incoming(SUBSCRIPTION_PLAN_CHANGED)
    public Uni<Void> onSubscriptionPlanChanged(String payload) {
        return inbox.consume(SUBSCRIPTION_PLAN_CHANGED, payload, EventCatalog.SUBSCRIPTION_PLAN_CHANGED,
                (event, data) -> subscriptions.billPlanChange(event.tenantid(), data));
    }

    /** A subscription ended: canceled now, its unpaid invoices are voided; pending prorations are billed. */
    @Incoming(SUBSCRIPTION_CANCELED)
    public Uni<Void> onSubscriptionCanceled(String payload) {
        return inbox.consume(SUBSCRIPTION_CANCELED, payload, EventCatalog.SUBSCRIPTION_CANCELED,
                (event, data) -> subscriptions.subscriptionEnded(event.tenantid(), data));
    }

    @Incoming(PAYMENT_SUCCEEDED)
    public Uni<Void> onPaymentSucceeded(String payload) {
        return inbox.consume(PAYMENT_SUCCEEDED, payload, EventCatalog.PAYMENT_SUCCEEDED,
                (event, data) -> billing.recordPayment(event.tenantid(), data.payment(), event.time()));
    }

    @Incoming(PAYMENT_FAILED)
    public Uni<Void> onPaymentFailed(String payload) {
        return inbox.consume(PAYMENT_FAILED, payload, EventCatalog.PAYMENT_FAILED,
                (event, data) -> billing.recordFailedPayment(event.tenantid(), data.payment(), data.nextRetryAt()));
    }

    /** Each refund gets its credit note. */
    @Incoming(PAYMENT_REFUNDED)
    public Uni<Void> onPaymentRefunded(String payload) {
        return inbox.consume(PAYMENT_REFUNDED, payload, EventCatalog.PAYMENT_REFUNDED,
                (event, data) -> billing.creditRefund(event.tenantid(), data.payment(), data.refund()));
    }

    /** Dunning gave up: the invoice is uncollectible. */
    @Incoming(DUNNING_EXHAUSTED)
    public Uni<Void> onDunningExhausted(String payload) {
        return inbox.consume(DUNNING_EXHAUSTED, payload, EventCatalog.DUNNING_EXHAUSTED,
                (event, data) -> billing.markUncollectible(event.tenantid(), data));
    }
}
