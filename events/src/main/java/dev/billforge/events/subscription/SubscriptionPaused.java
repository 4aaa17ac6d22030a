package dev.billforge.events.subscription;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.paused} v1: the subscription is {@code paused}: it does not renew and its unpaid invoices are
 * not retried until it is resumed.
 *
 * @param previousStatus the status it was paused from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionPaused(SubscriptionSnapshot subscription, String previousStatus) {
}
