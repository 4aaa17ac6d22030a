package dev.billforge.console.model;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A customer's subscription to a plan (subscription-service). {@code status}: incomplete, trialing, active,
 * past_due, unpaid, paused, canceled. Its customer, invoices and latest invoice are fields.
 */
public record Subscription(@Id @NonNull String id, @NonNull String customerId, @NonNull Plan plan,
        @NonNull String status, Instant currentPeriodStart, Instant currentPeriodEnd, Instant billingCycleAnchor,
        Instant trialStart, Instant trialEnd, boolean cancelAtPeriodEnd, Instant pausedAt, Instant canceledAt,
        Instant endedAt, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
}
