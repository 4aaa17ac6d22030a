package dev.billforge.notification.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/webhook-endpoints}.
 *
 * @param url where deliveries are POSTed: https, on a public address
 * @param eventTypes the published event types it receives ({@code payment.succeeded}, ...), or {@code ["*"]}
 */
public record CreateWebhookEndpointRequest(
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 50) List<@NotNull @Size(max = 100) String> eventTypes,
        @Size(max = 500) String description) {
}
