package dev.billforge.subscription.api;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import dev.billforge.chassis.validation.Metadata;

/**
 * {@code POST /v1/subscriptions}. {@code trial_period_days} overrides the plan's trial; 0 starts billing at once
 * even when the plan has a trial.
 */
public record CreateSubscriptionRequest(
        @NotBlank String customerId,
        @NotBlank String planId,
        @Min(0) @Max(730) Integer trialPeriodDays,
        @Metadata Map<String, String> metadata) {
}
