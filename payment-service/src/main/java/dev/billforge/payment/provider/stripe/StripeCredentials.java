package dev.billforge.payment.provider.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.billforge.payment.provider.ProviderCredentials;

/**
 * A tenant's Stripe account: its secret (or restricted) API key and the signing secret of the webhook endpoint the
 * tenant registered in Stripe's dashboard for {@code /v1/webhooks/stripe/{tenant}}.
 */
public record StripeCredentials(String secretKey, String webhookSigningSecret) implements ProviderCredentials {

    /** Stripe's secret ({@code sk_}) and restricted ({@code rk_}) keys name their mode. */
    public static final String SECRET_KEY_PATTERN = "^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,247}$";
    public static final String SIGNING_SECRET_PATTERN = "^whsec_[A-Za-z0-9+/=_-]{8,247}$";

    static StripeCredentials from(Map<String, Object> document) {
        return new StripeCredentials((String) document.get("secret_key"),
                (String) document.get("webhook_signing_secret"));
    }

    @Override
    public String provider() {
        return StripeProvider.NAME;
    }

    @Override
    public boolean livemode() {
        return secretKey.contains("_live_");
    }

    @Override
    public Map<String, Object> document() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("secret_key", secretKey);
        fields.put("webhook_signing_secret", webhookSigningSecret);
        return fields;
    }

    @Override
    public String toString() {
        return "StripeCredentials[livemode=" + livemode() + "]";
    }
}
