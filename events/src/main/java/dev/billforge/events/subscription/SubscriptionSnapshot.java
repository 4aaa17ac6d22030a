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
 * @param nextPeriodEnd where the period after the current one ends should the subscription renew (for a trial: its
 *        first paid period), by its billing cycle; what invoicing previews the next invoice with. Added to v1 on
 *        2026-12-03: null in events published before, and for a canceled subscription
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
        Instant createdAt,
        Instant nextPeriodEnd) {

    public boolean trialing() {
        return "trialing".equals(status);
    }
}
