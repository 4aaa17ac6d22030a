package dev.billforge.payment.gateway;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.payment.gateway.ProviderEvent.Kind;

/**
 * Reads a (verified) Stripe event. Read as a JSON tree rather than through stripe-java's models: the models only
 * deserialize events of the SDK's pinned API version, while the account's webhook endpoint may use another one;
 * the few fields we need are the same in every version.
 */
final class StripeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StripeEvents() {
    }

    static ProviderEvent read(String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new WebhookSignatureInvalid("the signed body is not a JSON event");
        }
        String type = event.path("type").asText("");
        JsonNode object = event.path("data").path("object");
        JsonNode error = object.path("last_payment_error");
        Kind kind = switch (type) {
            case "payment_intent.succeeded" -> Kind.PAYMENT_SUCCEEDED;
            case "payment_intent.payment_failed" -> Kind.PAYMENT_FAILED;
            case "payment_intent.requires_action" -> Kind.PAYMENT_REQUIRES_ACTION;
            default -> Kind.IGNORED;
        };
        return new ProviderEvent(event.path("id").asText(), type, kind, text(object, "id"),
                paymentId(object.path("metadata").path("billforge_payment_id").asText(null)), text(error, "code"),
                text(error, "decline_code"), text(error, "message"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static UUID paymentId(String metadata) {
        try {
            return metadata == null ? null : UUID.fromString(metadata);
        } catch (IllegalArgumentException e) {
            return null; // not one of ours
        }
    }
}
