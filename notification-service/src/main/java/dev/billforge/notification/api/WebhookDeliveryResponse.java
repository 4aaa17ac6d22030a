package dev.billforge.notification.api;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.notification.domain.WebhookDelivery;

/** One line of an endpoint's delivery log (the payload is the event as published, not repeated here). */
public record WebhookDeliveryResponse(
        UUID id,
        String object,
        UUID endpointId,
        String eventId,
        String eventType,
        String status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        UUID replayOf,
        Instant createdAt,
        Instant deliveredAt) {

    public static final String OBJECT = "webhook_delivery";

    static WebhookDeliveryResponse from(WebhookDelivery delivery) {
        return new WebhookDeliveryResponse(delivery.id(), OBJECT, delivery.endpointId(), delivery.eventId(),
                delivery.eventType(), delivery.status().wire(), delivery.attempts(), delivery.lastStatusCode(),
                delivery.lastError(), delivery.isPending() ? delivery.nextAttemptAt() : null, delivery.replayOf(),
                delivery.createdAt(), delivery.deliveredAt());
    }
}
