package dev.billforge.subscription.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.billforge.subscription.domain.Plan;

/** A plan as the API shows it. */
public record PlanResponse(
        UUID id,
        String object,
        String name,
        String description,
        long amount,
        String currency,
        String interval,
        int intervalCount,
        int trialPeriodDays,
        boolean active,
        Map<String, String> features,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    static PlanResponse from(Plan plan) {
        return new PlanResponse(plan.id(), "plan", plan.name(), plan.description(), plan.amount(), plan.currency(),
                plan.interval().wire(), plan.intervalCount(), plan.trialPeriodDays(), plan.active(),
                plan.features(), plan.metadata(), plan.createdAt(), plan.updatedAt());
    }
}
