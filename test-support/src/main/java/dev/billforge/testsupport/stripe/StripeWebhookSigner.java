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

    /**
     * A Stripe {@code refund.*} event, shaped like the API reference's {@code Refund} object inside an {@code Event}.
     * A refund made in Stripe's dashboard has no metadata of ours.
     *
     * @param refundId our refund id, sent as metadata when we asked for it (null: a dashboard refund)
     * @param status {@code succeeded}, {@code pending}, {@code failed} or {@code canceled}
     */
    public static String refundEvent(String eventId, String type, String refundReference, String intentId,
            String refundId, String status, long amount, String currency, String reason) {
        return event(eventId, type, """
                {
                  "id": "%s",
                  "object": "refund",
                  "amount": %d,
                  "balance_transaction": "txn_3standin",
                  "charge": "ch_3standin",
                  "created": %d,
                  "currency": "%s",
                  "failure_reason": %s,
                  "metadata": {%s},
                  "payment_intent": "%s",
                  "reason": %s,
                  "status": "%s"
                }""".formatted(refundReference, amount, Instant.now().getEpochSecond(), currency,
                "failed".equals(status) ? "\"lost_or_stolen_card\"" : "null",
                refundId == null ? "" : "\"billforge_refund_id\": \"" + refundId + "\"", intentId,
                reason == null ? "null" : "\"" + reason + "\"", status));
    }

    /**
     * A Stripe {@code charge.dispute.*} event, shaped like the API reference's {@code Dispute} object.
     *
     * @param status {@code needs_response}, {@code under_review}, {@code won}, {@code lost}, ...
     */
    public static String disputeEvent(String eventId, String type, String disputeReference, String intentId,
            String status, long amount, String currency, String reason) {
        return event(eventId, type, """
                {
                  "id": "%s",
                  "object": "dispute",
                  "amount": %d,
                  "charge": "ch_3standin",
                  "created": %d,
                  "currency": "%s",
                  "is_charge_refundable": false,
                  "livemode": false,
                  "metadata": {},
                  "payment_intent": "%s",
                  "reason": "%s",
                  "status": "%s"
                }""".formatted(disputeReference, amount, Instant.now().getEpochSecond(), currency, intentId, reason,
                status));
    }

    private static String event(String eventId, String type, String object) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "2025-10-29.clover",
                  "created": %d,
                  "data": {
                    "object": %s
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "%s"
                }
                """.formatted(eventId, Instant.now().getEpochSecond(), object, type);
    }
}
