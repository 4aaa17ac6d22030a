package dev.billforge.subscription.domain;

import java.util.Map;

/**
 * A merge-patch of a subscription ({@code PATCH /v1/subscriptions/{id}}).
 *
 * @param cancelAtPeriodEnd null: unchanged; true schedules the end at the period end, false withdraws it
 * @param clearMetadata {@code metadata: null} was sent
 * @param metadataPatch keys to set ({@code null} values remove their key), or null
 */
public record SubscriptionChanges(Boolean cancelAtPeriodEnd, boolean clearMetadata, Map<String, String> metadataPatch) {
}
