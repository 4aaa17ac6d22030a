package dev.billforge.subscription.api;

/**
 * {@code POST /v1/subscriptions/{id}/cancel}: {@code at_period_end: true} keeps it until the current period ends;
 * false or absent (or no body at all) ends it now.
 */
public record CancelSubscriptionRequest(Boolean atPeriodEnd) {

    boolean endsAtPeriodEnd() {
        return Boolean.TRUE.equals(atPeriodEnd);
    }
}
