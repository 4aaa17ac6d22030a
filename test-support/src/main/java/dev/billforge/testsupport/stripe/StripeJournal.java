package dev.billforge.testsupport.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the Stripe stand-in received, read over WireMock's admin API (so it works from any class loader a test runs
 * in): the requests to a path with a given idempotency key, and how many of them Stripe would have acted on.
 */
public final class StripeJournal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public StripeJournal(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One request as the stand-in saw it. */
    public record Seen(String method, String url, String body, int status, boolean replayed) {
    }

    /** Every request to {@code path} (exact) carrying {@code Idempotency-Key: key}, oldest first. */
    public List<Seen> withKey(String path, String key) {
        return withHeader(path, "Idempotency-Key", key);
    }

    /**
     * Every request to {@code path} (exact) carrying {@code header: value}, oldest first; for any WireMock stand-in
     * (PayPal's {@code PayPal-Request-Id} as well).
     */
    public List<Seen> withHeader(String path, String header, String value) {
        List<Seen> seen = new ArrayList<>();
        for (JsonNode event : get("/__admin/requests").path("requests")) { // newest first
            JsonNode request = event.path("request");
            if (path.equals(request.path("url").asText())
                    && value.equals(request.path("headers").path(header).asText(null))) {
                JsonNode response = event.path("response");
                seen.add(0, new Seen(request.path("method").asText(), request.path("url").asText(),
                        request.path("body").asText(), response.path("status").asInt(),
                        response.path("headers").has(IdempotentReplay.REPLAYED)));
            }
        }
        return seen;
    }

    /** The {@code Idempotency-Key}s of every request to {@code path} (exact) so far, read with one admin call. */
    public Set<String> keysSeen(String path) {
        Set<String> keys = new HashSet<>();
        for (JsonNode event : get("/__admin/requests").path("requests")) {
            JsonNode request = event.path("request");
            String key = request.path("headers").path("Idempotency-Key").asText(null);
            if (path.equals(request.path("url").asText()) && key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** How many requests with {@code key} Stripe acted on (the rest were answered from its idempotency store). */
    public long actedOn(String path, String key) {
        return withKey(path, key).stream().filter(seen -> !seen.replayed()).count();
    }

    private JsonNode get(String adminPath) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + adminPath)).GET().build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException("Stripe stand-in admin API failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
