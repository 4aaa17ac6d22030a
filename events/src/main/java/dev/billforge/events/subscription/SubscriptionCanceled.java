package dev.billforge.events.subscription;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.canceled} v1: the subscription ended; it will not be billed again.
 *
 * @param cancellationReason why it ended (optional, added in v1): {@code cancellation_requested} (canceled now
 *        through the API: its unpaid invoices are voided), {@code period_end} (a cancellation set for the period end
 *        took effect), {@code payment_failed} (dunning gave up and the tenant cancels such subscriptions)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionCanceled(SubscriptionSnapshot subscription, String previousStatus,
        String cancellationReason) {

    public static final String CANCELLATION_REQUESTED = "cancellation_requested";
    public static final String PERIOD_END = "period_end";
    public static final String PAYMENT_FAILED = "payment_failed";

    /** Whether the tenant asked to end it now (rather than it ending by itself), so its unpaid invoices are void. */
    public boolean requestedNow() {
        return CANCELLATION_REQUESTED.equals(cancellationReason);
    }
}
