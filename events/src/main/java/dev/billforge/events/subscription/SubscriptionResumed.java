package dev.billforge.events.subscription;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.resumed} v1: a paused subscription is {@code active} again. A new period starts at the resume
 * instant (its billing cycle anchor moves there) and is to be invoiced, and charged, at once.
 *
 * @param periodStart the start of the new period (the resume instant)
 * @param periodEnd the end of the new period
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionResumed(SubscriptionSnapshot subscription, Instant periodStart, Instant periodEnd) {
}
