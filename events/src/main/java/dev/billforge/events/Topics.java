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
    public static final String INVOICE_FINALIZED = "invoice.finalized";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";

    /** Suffix of the dead-letter topic a consumer parks unprocessable records on: {@code <topic>.<group>.dlq}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }
}
