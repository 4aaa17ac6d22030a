package dev.billforge.testsupport.stripe;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A provider's idempotency, as Stripe's API reference describes it (PayPal's {@code PayPal-Request-Id} behaves the
 * same): the first response to a POST with the key header is saved (per API key, for Stripe) and every later
 * request with that key gets it back, marked {@code Idempotent-Replayed: true}, without the work being done again;
 * the same key with different parameters is refused. Server errors and rate limits are not saved, so those may be
 * retried.
 */
public class IdempotentReplay implements ResponseTransformerV2 {

    public static final String NAME = "stripe-idempotent-replay";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final String name;
    private final String keyHeader;
    private final boolean perApiKey;
    private final String conflictBody;

    /** Stripe's: {@code Idempotency-Key}, per API key, {@code idempotency_error} on reuse. */
    public IdempotentReplay() {
        this(NAME, "Idempotency-Key", true, null);
    }

    /**
     * @param perApiKey whether keys are scoped by the {@code Authorization} header (Stripe) or global (PayPal, whose
     *        access tokens change while request ids stay)
     * @param conflictBody the error for a reused key, or null for Stripe's
     */
    public IdempotentReplay(String name, String keyHeader, boolean perApiKey, String conflictBody) {
        this.name = name;
        this.keyHeader = keyHeader;
        this.perApiKey = perApiKey;
        this.conflictBody = conflictBody;
    }

    private record Saved(String requestBody, Response response) {
    }

    private final Map<String, Saved> saved = new ConcurrentHashMap<>();

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        String key = request.getHeader(keyHeader);
        if (key == null || !"POST".equals(request.getMethod().getName()) || !isSaved(response.getStatus())) {
            return response;
        }
        String scopedKey = perApiKey ? request.getHeader("Authorization") + " " + key : key;
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        Saved first = saved.putIfAbsent(scopedKey, new Saved(body, response));
        if (first == null) {
            return response;
        }
        if (!first.requestBody().equals(body)) {
            return Response.response().status(conflictBody == null ? 400 : 422)
                    .headers(first.response().getHeaders())
                    .body(conflictBody != null ? conflictBody : "{\"error\":{\"type\":\"idempotency_error\",\"message\":\"Keys for idempotent requests can"
                            + " only be used with the same parameters they were first used with. Try using a key other"
                            + " than '" + key + "' if you meant to execute a different request.\"}}")
                    .build();
        }
        // A fresh response: the first one's delay (a simulated slow network) belongs to the first request only.
        return Response.response().status(first.response().getStatus())
                .headers(first.response().getHeaders().plus(new HttpHeader(REPLAYED, "true")))
                .body(first.response().getBody())
                .build();
    }

    private static boolean isSaved(int status) {
        return status < 500 && status != 429;
    }

    @Override
    public String getName() {
        return name;
    }
}
