package dev.billforge.notification.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.billforge.notification.domain.WebhookEndpoint;

/**
 * A webhook endpoint as the API shows it. {@code secret} is only in the answer to its creation: it signs every
 * delivery ({@code Billing-Signature}) and is never shown again.
 */
public record WebhookEndpointResponse(
        UUID id,
        String object,
        String url,
        List<String> eventTypes,
        String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
        Instant createdAt) {

    public static final String OBJECT = "webhook_endpoint";

    static WebhookEndpointResponse from(WebhookEndpoint endpoint) {
        return withSecret(endpoint, null);
    }

    static WebhookEndpointResponse withSecret(WebhookEndpoint endpoint, String secret) {
        return new WebhookEndpointResponse(endpoint.id(), OBJECT, endpoint.url(), endpoint.eventTypes(),
                endpoint.description(), secret, endpoint.createdAt());
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "WebhookEndpointResponse[id=" + id + ", url=" + url + ", eventTypes=" + eventTypes + "]";
    }
}
