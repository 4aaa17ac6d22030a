package dev.billforge.testsupport.paypal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes PayPal's webhook transmission headers for an event, as PayPal sends them: transmission id and time, the
 * signature over {@code id|time|webhook_id|crc32(body)}, the cert URL and algorithm. PayPal signs with its
 * certificate's private key; the stand-in uses an HMAC with a key only it and this class know, so that its
 * verify-webhook-signature answers SUCCESS exactly for deliveries made here for that webhook id and body.
 */
public final class PayPalWebhookSigner {

    static final String STANDIN_KEY = "paypal-standin-signing-key";

    private PayPalWebhookSigner() {
    }

    public static Map<String, String> headers(String body, String webhookId) {
        return headers(body, webhookId, Instant.now());
    }

    public static Map<String, String> headers(String body, String webhookId, Instant sentAt) {
        String id = UUID.randomUUID().toString();
        String time = sentAt.toString();
        return Map.of("PAYPAL-TRANSMISSION-ID", id,
                "PAYPAL-TRANSMISSION-TIME", time,
                "PAYPAL-TRANSMISSION-SIG", signature(id, time, webhookId, body),
                "PAYPAL-CERT-URL", "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-standin",
                "PAYPAL-AUTH-ALGO", "SHA256withRSA");
    }

    static String signature(String transmissionId, String time, String webhookId, String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String signed = transmissionId + "|" + time + "|" + webhookId + "|" + crc.getValue();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(STANDIN_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PayPal webhook event, shaped like PayPal's Webhooks API reference. */
    public static String event(String eventType, String resourceType, String resource) {
        return """
                {
                  "id": "WH-%s",
                  "create_time": "%s",
                  "resource_type": "%s",
                  "event_type": "%s",
                  "summary": "standin event",
                  "resource": %s
                }
                """.formatted(UUID.randomUUID().toString().toUpperCase(), Instant.now(), resourceType, eventType,
                resource);
    }

    /** A {@code PAYMENT.CAPTURE.REFUNDED} event for a refund of {@code value} made in PayPal (no custom id of ours). */
    public static String captureRefunded(String captureId, String refundId, String value, String currency) {
        return event("PAYMENT.CAPTURE.REFUNDED", "refund", """
                {
                  "id": "%s",
                  "amount": {"value": "%s", "currency_code": "%s"},
                  "status": "COMPLETED",
                  "create_time": "%s",
                  "links": [
                    {"href": "https://api.sandbox.paypal.com/v2/payments/refunds/%s", "rel": "self", "method": "GET"},
                    {"href": "https://api.sandbox.paypal.com/v2/payments/captures/%s", "rel": "up", "method": "GET"}
                  ]
                }""".formatted(refundId, value, currency, Instant.now(), refundId, captureId));
    }
}
