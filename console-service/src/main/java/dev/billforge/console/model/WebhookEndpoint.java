package dev.billforge.console.model;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A tenant's endpoint for published events; {@code secret} is only in the answer that created it. */
public record WebhookEndpoint(@Id @NonNull String id, @NonNull String url, List<String> eventTypes,
        String description, String secret, Instant createdAt) {
}
