package dev.billforge.payment.domain;

/**
 * A tenant's PayPal REST app: client id and secret (OAuth2 client credentials), the id of the webhook the tenant
 * registered for {@code /v1/webhooks/paypal/{tenant}} (PayPal verifies deliveries against it), and whether the app
 * is a sandbox or a live one (they live on different API hosts).
 */
public record PayPalCredentials(String clientId, String clientSecret, String webhookId, boolean live)
        implements ProviderCredentials {

    @Override
    public String provider() {
        return Providers.PAYPAL;
    }

    @Override
    public boolean livemode() {
        return live;
    }

    @Override
    public String toString() {
        return "PayPalCredentials[livemode=" + live + ", webhookId=" + webhookId + "]";
    }
}
