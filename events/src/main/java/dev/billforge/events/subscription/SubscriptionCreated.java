package dev.billforge.events.subscription;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.created} v1. Unless the subscription is {@code trialing}, its first period
 * ({@code current_period_start} to {@code current_period_end}) is to be invoiced at once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionCreated(SubscriptionSnapshot subscription) {
}
