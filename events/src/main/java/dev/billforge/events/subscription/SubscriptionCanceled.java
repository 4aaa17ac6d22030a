package dev.billforge.events.subscription;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code subscription.canceled} v1: the subscription ended; it will not be billed again. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionCanceled(SubscriptionSnapshot subscription, String previousStatus) {
}
