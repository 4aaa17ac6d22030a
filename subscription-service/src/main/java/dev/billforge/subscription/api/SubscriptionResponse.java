package dev.billforge.subscription.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.billforge.subscription.domain.Subscription;

/** A subscription as the API shows it, with its plan. */
public record SubscriptionResponse(
        UUID id,
        String object,
        UUID customerId,
        PlanResponse plan,
        String status,
        Instant currentPeriodStart,
        Instant currentPeriodEnd,
        Instant billingCycleAnchor,
        Instant trialStart,
        Instant trialEnd,
        boolean cancelAtPeriodEnd,
        Instant pausedAt,
        Instant canceledAt,
        Instant endedAt,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    static SubscriptionResponse from(Subscription s) {
        return new SubscriptionResponse(s.id(), "subscription", s.customerId(), PlanResponse.from(s.plan()),
                s.status().wire(), s.currentPeriodStart(), s.currentPeriodEnd(), s.billingCycleAnchor(), s.trialStart(), s.trialEnd(),
                s.cancelAtPeriodEnd(), s.pausedAt(), s.canceledAt(), s.endedAt(), s.metadata(), s.createdAt(), s.updatedAt());
    }
}
