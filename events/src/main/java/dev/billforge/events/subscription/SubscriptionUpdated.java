package dev.billforge.events.subscription;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.updated} v1: status or settings changed (first invoice paid, payment failed, cancellation
 * scheduled for the period end).
 *
 * @param previousStatus the status before the change (equal to the current one when only settings changed)
 * @param changedFields snake_case names of the fields that changed, sorted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionUpdated(SubscriptionSnapshot subscription, String previousStatus, List<String> changedFields) {
}
