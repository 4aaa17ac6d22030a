package dev.billforge.payment.provider;

/** A webhook request that is not signed by the provider with the tenant's secret, or was signed too long ago. */
public class WebhookSignatureInvalid extends RuntimeException {

    public WebhookSignatureInvalid(String reason) {
        super(reason, null, false, false);
    }
}
