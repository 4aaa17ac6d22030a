package dev.billforge.subscription.domain;

import java.util.Map;

/** What a new plan is made of; validated at the API. {@code amount} is in {@code currency}'s minor unit. */
public record PlanDetails(String name, String description, long amount, String currency, BillingInterval interval,
        int intervalCount, int trialPeriodDays, boolean active, Map<String, String> features,
        Map<String, String> metadata) {
}
