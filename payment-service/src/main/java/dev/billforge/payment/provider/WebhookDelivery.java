package dev.billforge.payment.provider;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request to a provider webhook URL, as received: the tenant its URL names, the exact body the provider signed
 * and its headers (names matched without regard to case, as HTTP says).
 */
public record WebhookDelivery(String tenantId, String payload, Map<String, String> headers) {

    /**
     * How old a delivery may be, by the time the provider signed into it, before a plugin refuses it as a replay:
     * Stripe's default, five minutes. Measured on the wall clock (the request's age on the wire), never a test clock.
     */
    public static final Duration REPLAY_TOLERANCE = Duration.ofMinutes(5);

    public WebhookDelivery {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = Collections.unmodifiableMap(byName);
    }

    /** The header's (first) value, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
