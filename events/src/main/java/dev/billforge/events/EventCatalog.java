package dev.billforge.events;

import java.util.List;
import java.util.Optional;

import dev.billforge.events.balance.CustomerBalanceChanged;
import dev.billforge.events.creditnote.CreditNoteIssued;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerUpdated;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceMarkedUncollectible;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoicePaymentRequested;
import dev.billforge.events.invoice.InvoiceVoided;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentDisputeClosed;
import dev.billforge.events.payment.PaymentDisputeOpened;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentRefunded;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.revenue.RevenueRecognized;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionCreated;
import dev.billforge.events.subscription.SubscriptionPaused;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionResumed;
import dev.billforge.events.subscription.SubscriptionTrialWillEnd;
import dev.billforge.events.subscription.SubscriptionUpdated;

/** Every published event type. A type not listed here is not part of the contract. */
public final class EventCatalog {

    public static final EventType<CustomerCreated> CUSTOMER_CREATED =
            new EventType<>("customer.created", 1, Topics.CUSTOMER_CREATED, CustomerCreated.class);
    public static final EventType<CustomerUpdated> CUSTOMER_UPDATED =
            new EventType<>("customer.updated", 1, Topics.CUSTOMER_UPDATED, CustomerUpdated.class);
    public static final EventType<CustomerDeleted> CUSTOMER_DELETED =
            new EventType<>("customer.deleted", 1, Topics.CUSTOMER_DELETED, CustomerDeleted.class);

    public static final EventType<SubscriptionCreated> SUBSCRIPTION_CREATED =
            new EventType<>("subscription.created", 1, Topics.SUBSCRIPTION_CREATED, SubscriptionCreated.class);
    public static final EventType<SubscriptionUpdated> SUBSCRIPTION_UPDATED =
            new EventType<>("subscription.updated", 1, Topics.SUBSCRIPTION_UPDATED, SubscriptionUpdated.class);
    public static final EventType<SubscriptionCanceled> SUBSCRIPTION_CANCELED =
            new EventType<>("subscription.canceled", 1, Topics.SUBSCRIPTION_CANCELED, SubscriptionCanceled.class);
    public static final EventType<SubscriptionTrialWillEnd> SUBSCRIPTION_TRIAL_WILL_END = new EventType<>(
            "subscription.trial_will_end", 1, Topics.SUBSCRIPTION_TRIAL_WILL_END, SubscriptionTrialWillEnd.class);
    public static final EventType<SubscriptionRenewed> SUBSCRIPTION_RENEWED =
            new EventType<>("subscription.renewed", 1, Topics.SUBSCRIPTION_RENEWED, SubscriptionRenewed.class);
    public static final EventType<SubscriptionPaused> SUBSCRIPTION_PAUSED =
            new EventType<>("subscription.paused", 1, Topics.SUBSCRIPTION_PAUSED, SubscriptionPaused.class);
    public static final EventType<SubscriptionResumed> SUBSCRIPTION_RESUMED =
            new EventType<>("subscription.resumed", 1, Topics.SUBSCRIPTION_RESUMED, SubscriptionResumed.class);
    public static final EventType<SubscriptionPlanChanged> SUBSCRIPTION_PLAN_CHANGED = new EventType<>(
            "subscription.plan_changed", 1, Topics.SUBSCRIPTION_PLAN_CHANGED, SubscriptionPlanChanged.class);

    public static final EventType<InvoiceFinalized> INVOICE_FINALIZED =
            new EventType<>("invoice.finalized", 1, Topics.INVOICE_FINALIZED, InvoiceFinalized.class);
    public static final EventType<InvoicePaid> INVOICE_PAID =
            new EventType<>("invoice.paid", 1, Topics.INVOICE_PAID, InvoicePaid.class);
    public static final EventType<InvoiceVoided> INVOICE_VOIDED =
            new EventType<>("invoice.voided", 1, Topics.INVOICE_VOIDED, InvoiceVoided.class);
    public static final EventType<InvoiceMarkedUncollectible> INVOICE_MARKED_UNCOLLECTIBLE = new EventType<>(
            "invoice.marked_uncollectible", 1, Topics.INVOICE_MARKED_UNCOLLECTIBLE, InvoiceMarkedUncollectible.class);
    public static final EventType<InvoicePaymentRequested> INVOICE_PAYMENT_REQUESTED = new EventType<>(
            "invoice.payment_requested", 1, Topics.INVOICE_PAYMENT_REQUESTED, InvoicePaymentRequested.class);

    public static final EventType<PaymentSucceeded> PAYMENT_SUCCEEDED =
            new EventType<>("payment.succeeded", 1, Topics.PAYMENT_SUCCEEDED, PaymentSucceeded.class);
    public static final EventType<PaymentFailed> PAYMENT_FAILED =
            new EventType<>("payment.failed", 1, Topics.PAYMENT_FAILED, PaymentFailed.class);
    public static final EventType<PaymentActionRequired> PAYMENT_ACTION_REQUIRED = new EventType<>(
            "payment.action_required", 1, Topics.PAYMENT_ACTION_REQUIRED, PaymentActionRequired.class);
    public static final EventType<PaymentRefunded> PAYMENT_REFUNDED =
            new EventType<>("payment.refunded", 1, Topics.PAYMENT_REFUNDED, PaymentRefunded.class);
    public static final EventType<PaymentDisputeOpened> PAYMENT_DISPUTE_OPENED = new EventType<>(
            "payment.dispute_opened", 1, Topics.PAYMENT_DISPUTE_OPENED, PaymentDisputeOpened.class);
    public static final EventType<PaymentDisputeClosed> PAYMENT_DISPUTE_CLOSED = new EventType<>(
            "payment.dispute_closed", 1, Topics.PAYMENT_DISPUTE_CLOSED, PaymentDisputeClosed.class);

    public static final EventType<DunningExhausted> DUNNING_EXHAUSTED =
            new EventType<>("dunning.exhausted", 1, Topics.DUNNING_EXHAUSTED, DunningExhausted.class);

    public static final EventType<CreditNoteIssued> CREDIT_NOTE_ISSUED =
            new EventType<>("credit_note.issued", 1, Topics.CREDIT_NOTE_ISSUED, CreditNoteIssued.class);

    public static final EventType<CustomerBalanceChanged> CUSTOMER_BALANCE_CHANGED = new EventType<>(
            "customer_balance.changed", 1, Topics.CUSTOMER_BALANCE_CHANGED, CustomerBalanceChanged.class);

    public static final EventType<RevenueRecognized> REVENUE_RECOGNIZED = new EventType<>("revenue.recognized", 1,
            Topics.REVENUE_RECOGNIZED, RevenueRecognized.class);

    public static final List<EventType<?>> ALL = List.of(CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_DELETED,
            SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_CANCELED, SUBSCRIPTION_TRIAL_WILL_END,
            SUBSCRIPTION_RENEWED, SUBSCRIPTION_PAUSED, SUBSCRIPTION_RESUMED, SUBSCRIPTION_PLAN_CHANGED,
            INVOICE_FINALIZED, INVOICE_PAID, INVOICE_VOIDED,
            PAYMENT_SUCCEEDED, PAYMENT_FAILED, PAYMENT_ACTION_REQUIRED, PAYMENT_REFUNDED, PAYMENT_DISPUTE_OPENED,
            PAYMENT_DISPUTE_CLOSED, DUNNING_EXHAUSTED, INVOICE_MARKED_UNCOLLECTIBLE, CREDIT_NOTE_ISSUED,
            INVOICE_PAYMENT_REQUESTED, CUSTOMER_BALANCE_CHANGED, REVENUE_RECOGNIZED);

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }

    private EventCatalog() {
    }
}
