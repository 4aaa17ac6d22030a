package dev.billforge.testsupport.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way Stripe does ({@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body" keyed with the endpoint's signing secret>}), so tests can deliver events as Stripe would, and forge ones
 * it would not.
 */
public final class StripeWebhookSigner {

    private StripeWebhookSigner() {
    }

    public static String signatureHeader(String payload, String signingSecret) {
        return signatureHeader(payload, signingSecret, Instant.now());
    }

    public static String signatureHeader(String payload, String signingSecret, Instant signedAt) {
        long timestamp = signedAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Stripe event about a PaymentIntent, shaped like the API reference's {@code Event} object.
     *
     * @param paymentId our payment id, sent as the intent's metadata when we created it (null: the event omits it)
     */
    public static String paymentIntentEvent(String eventId, String type, String intentId, String paymentId,
            String status, long amount, String currency) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "2025-10-29.clover",
                  "created": %d,
                  "data": {
                    "object": {
                      "id": "%s",
                      "object": "payment_intent",
                      "amount": %d,
                      "amount_received": %d,
                      "currency": "%s",
                      "last_payment_error": %s,
                      "livemode": false,
                      "metadata": {%s},
                      "status": "%s"
                    }
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "%s"
                }
                """.formatted(eventId, Instant.now().getEpochSecond(), intentId, amount,
                "succeeded".equals(status) ? amount : 0, currency,
                "requires_payment_method".equals(status) ? "{\"code\": \"card_declined\", \"decline_code\":"
                        + " \"insufficient_funds\", \"message\": \"Your card has insufficient funds.\", \"type\":"
                        + " \"card_error\"}" : "null",
                paymentId == null ? "" : "\"billforge_payment_id\": \"" + paymentId + "\"", status, type);
    }
}
