package dev.billforge.payment.provider;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading providers' verified webhook bodies as JSON trees (not the SDKs' models: those only read the API version
 * they pin, and the few fields we need are the same in every version).
 */
public final class ProviderJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderJson() {
    }

    /** The event; a body that is not JSON was not an event the provider signed. */
    public static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new WebhookSignatureInvalid("the signed body is not a JSON event");
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** An id of ours the provider echoes back (metadata, custom_id), or null when absent or not one of ours. */
    public static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
