package dev.billforge.console.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** One event POSTed (or to be POSTed) to an endpoint. {@code status}: pending, delivered, failed. */
public record WebhookDelivery(@Id @NonNull String id, String endpointId, String eventId, String eventType,
        @NonNull String status, int attempts, Integer lastStatusCode, String lastError, Instant nextAttemptAt,
        String replayOf, Instant createdAt, Instant deliveredAt) {
}
