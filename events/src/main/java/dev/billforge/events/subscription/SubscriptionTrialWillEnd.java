package dev.billforge.events.subscription;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.trial_will_end} v1: the subscription's trial ends at {@code subscription.trial_end}, a few days
 * from now (three by default); the customer is told before the first invoice comes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionTrialWillEnd(SubscriptionSnapshot subscription) {
}
