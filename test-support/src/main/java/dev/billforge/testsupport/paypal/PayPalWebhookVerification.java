package dev.billforge.testsupport.paypal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The stand-in's {@code POST /v1/notifications/verify-webhook-signature}: answers {@code SUCCESS} when the
 * transmission's signature matches the event exactly as it was delivered (the {@code webhook_event} text, byte for
 * byte) for the webhook id given, and {@code FAILURE} otherwise, as PayPal does.
 */
public class PayPalWebhookVerification implements ResponseTransformerV2 {

    public static final String NAME = "paypal-webhook-verification";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_FIELD = "\"webhook_event\":";

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        String body = new String(serveEvent.getRequest().getBody(), StandardCharsets.UTF_8);
        String status;
        try {
            JsonNode request = JSON.readTree(body);
            int start = body.indexOf(EVENT_FIELD);
            String event = body.substring(start + EVENT_FIELD.length(), body.lastIndexOf('}'));
            String expected = PayPalWebhookSigner.signature(request.path("transmission_id").asText(),
                    request.path("transmission_time").asText(), request.path("webhook_id").asText(), event);
            status = expected.equals(request.path("transmission_sig").asText()) ? "SUCCESS" : "FAILURE";
        } catch (Exception e) {
            status = "FAILURE";
        }
        return Response.Builder.like(response).but().body("{\"verification_status\":\"" + status + "\"}").build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
