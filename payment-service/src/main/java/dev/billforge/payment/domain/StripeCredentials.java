package dev.billforge.payment.domain;

/**
 * A tenant's Stripe account: its secret (or restricted) API key and the signing secret of the webhook endpoint the
 * tenant registered in Stripe's dashboard for {@code /v1/webhooks/stripe/{tenant}}.
 */
public record StripeCredentials(String secretKey, String webhookSigningSecret) implements ProviderCredentials {

    /** Stripe's secret ({@code sk_}) and restricted ({@code rk_}) keys name their mode. */
    public static final String SECRET_KEY_PATTERN = "^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,247}$";
    public static final String SIGNING_SECRET_PATTERN = "^whsec_[A-Za-z0-9+/=_-]{8,247}$";

    @Override
    public String provider() {
        return Providers.STRIPE;
    }

    @Override
    public boolean livemode() {
        return secretKey.contains("_live_");
    }

    @Override
    public String toString() {
        return "StripeCredentials[livemode=" + livemode() + "]";
    }
}
