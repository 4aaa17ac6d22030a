package dev.billforge.events;

/**
 * Kafka topic names. One topic per event type, so a consumer subscribes to exactly what it handles and a
 * poison message in one topic never blocks another.
 */
public final class Topics {
    public static final String CUSTOMER_CREATED = "customer.created";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String CUSTOMER_DELETED = "customer.deleted";
    public static final String SUBSCRIPTION_CREATED = "subscription.created";
    public static final String SUBSCRIPTION_UPDATED = "subscription.updated";
    public static final String SUBSCRIPTION_CANCELED = "subscription.canceled";
    public static final String SUBSCRIPTION_TRIAL_WILL_END = "subscription.trial_will_end";
    public static final String SUBSCRIPTION_RENEWED = "subscription.renewed";
    public static final String SUBSCRIPTION_PAUSED = "subscription.paused";
    public static final String SUBSCRIPTION_RESUMED = "subscription.resumed";
    public static final String SUBSCRIPTION_PLAN_CHANGED = "subscription.plan_changed";
    public static final String INVOICE_FINALIZED = "invoice.finalized";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String INVOICE_VOIDED = "invoice.voided";
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String PAYMENT_ACTION_REQUIRED = "payment.action_required";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    public static final String PAYMENT_DISPUTE_OPENED = "payment.dispute_opened";
    public static final String PAYMENT_DISPUTE_CLOSED = "payment.dispute_closed";
    public static final String CREDIT_NOTE_ISSUED = "credit_note.issued";
    public static final String DUNNING_EXHAUSTED = "dunning.exhausted";
    public static final String INVOICE_MARKED_UNCOLLECTIBLE = "invoice.marked_uncollectible";
    public static final String INVOICE_PAYMENT_REQUESTED = "invoice.payment_requested";
    public static final String CUSTOMER_BALANCE_CHANGED = "customer_balance.changed";
    public static final String REVENUE_RECOGNIZED = "revenue.recognized";

    /**
     * The dead-letter topic where a service parks records it can never process, e.g.
     * {@code invoicing-service.dlq}. Each record keeps its original topic, partition, offset and the reason in the
     * {@code dead-letter-*} headers; one topic per service says whose consumer gave up.
     */
    public static String deadLetter(String serviceName) {
        return serviceName + ".dlq";
    }

    private Topics() {
    }
}
