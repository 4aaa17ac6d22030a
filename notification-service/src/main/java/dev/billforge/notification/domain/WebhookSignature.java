package dev.billforge.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How tenants know a delivery is ours: {@code Billing-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body" keyed with the endpoint's secret>} (Stripe's scheme, so receivers verify it the same way and reject old
 * timestamps against replays).
 */
public final class WebhookSignature {

    public static final String HEADER = "Billing-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new endpoint secret: {@code whsec_} and 32 random bytes. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String header(String payload, String secret, Instant signedAt) {
        long timestamp = signedAt.getEpochSecond();
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
