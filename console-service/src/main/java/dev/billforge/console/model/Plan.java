package dev.billforge.console.model;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A plan of the catalogue (subscription-service): a price per interval, in minor units of its currency. */
public record Plan(@Id @NonNull String id, @NonNull String name, String description, long amount,
        @NonNull String currency, @NonNull String interval, int intervalCount, int trialPeriodDays, boolean active,
        Map<String, String> features, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
}
