package dev.billforge.payment.provider.paypal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.billforge.payment.provider.WebhookDelivery;

/**
 * The {@code PAYPAL-*} headers of a webhook delivery, which PayPal's verify-webhook-signature call needs along with
 * the event.
 *
 * @param time when PayPal sent it (ISO-8601)
 */
public record PayPalTransmission(String id, String time, String signature, String certUrl, String authAlgo) {

    static PayPalTransmission of(WebhookDelivery delivery) {
        return new PayPalTransmission(delivery.header("PAYPAL-TRANSMISSION-ID"),
                delivery.header("PAYPAL-TRANSMISSION-TIME"), delivery.header("PAYPAL-TRANSMISSION-SIG"),
                delivery.header("PAYPAL-CERT-URL"), delivery.header("PAYPAL-AUTH-ALGO"));
    }

    /** The first header that is missing, or null when all are there. */
    String missingHeader() {
        if (blank(id)) {
            return "PAYPAL-TRANSMISSION-ID";
        }
        if (blank(time)) {
            return "PAYPAL-TRANSMISSION-TIME";
        }
        if (blank(signature)) {
            return "PAYPAL-TRANSMISSION-SIG";
        }
        if (blank(certUrl)) {
            return "PAYPAL-CERT-URL";
        }
        return blank(authAlgo) ? "PAYPAL-AUTH-ALGO" : null;
    }

    /** Whether it was sent longer than {@code tolerance} before {@code now} (or claims a time it cannot have). */
    boolean olderThan(Duration tolerance, Instant now) {
        try {
            Instant sent = Instant.parse(time);
            return Duration.between(sent, now).abs().compareTo(tolerance) > 0;
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
