package dev.billforge.events.subscription;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The subscription as it stands after the change an event announces.
 *
 * @param status {@code incomplete} (first invoice not paid yet), {@code trialing}, {@code active},
 *        {@code past_due}, {@code canceled}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionSnapshot(
        UUID id,
        UUID customerId,
        PlanSnapshot plan,
        String status,
        Instant currentPeriodStart,
        Instant currentPeriodEnd,
        Instant trialStart,
        Instant trialEnd,
        boolean cancelAtPeriodEnd,
        Instant canceledAt,
        Instant endedAt,
        Map<String, String> metadata,
        Instant createdAt) {

    public boolean trialing() {
        return "trialing".equals(status);
    }
}
