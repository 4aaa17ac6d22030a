package dev.billforge.payment.provider.paypal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.billforge.payment.provider.ProviderCredentials;

/**
 * A tenant's PayPal REST app: client id and secret (OAuth2 client credentials), the id of the webhook the tenant
 * registered for {@code /v1/webhooks/paypal/{tenant}} (PayPal verifies deliveries against it), and whether the app
 * is a sandbox or a live one (they live on different API hosts).
 */
public record PayPalCredentials(String clientId, String clientSecret, String webhookId, boolean live)
        implements ProviderCredentials {

    static PayPalCredentials from(Map<String, Object> document) {
        return new PayPalCredentials((String) document.get("client_id"), (String) document.get("client_secret"),
                (String) document.get("webhook_id"), Boolean.TRUE.equals(document.get("live")));
    }

    @Override
    public String provider() {
        return PayPalProvider.NAME;
    }

    @Override
    public boolean livemode() {
        return live;
    }

    @Override
    public Map<String, Object> document() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("client_id", clientId);
        fields.put("client_secret", clientSecret);
        fields.put("webhook_id", webhookId);
        fields.put("live", live);
        return fields;
    }

    @Override
    public String toString() {
        return "PayPalCredentials[livemode=" + live + ", webhookId=" + webhookId + "]";
    }
}
