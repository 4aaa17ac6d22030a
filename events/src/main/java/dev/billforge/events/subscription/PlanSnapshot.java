package dev.billforge.events.subscription;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The price a subscription is billed at, copied into its events so a consumer (invoicing) needs no catalogue of
 * its own. A plan's amount, currency and interval never change after creation, so the copy never goes stale.
 *
 * @param amount in the currency's minor unit (cents for USD, yen for JPY)
 * @param currency ISO 4217, upper case
 * @param interval {@code day}, {@code week}, {@code month} or {@code year}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlanSnapshot(UUID id, String name, long amount, String currency, String interval, int intervalCount) {
}
