package dev.billforge.payment.provider.stripe;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.billforge.payment.provider.PaymentProvider.CredentialsRequest;

/**
 * {@code PUT /v1/provider-accounts/stripe}: the tenant's secret (or restricted) API key and the signing secret of
 * the webhook endpoint they registered with Stripe. Validation messages never repeat the values.
 */
public record StripeAccountRequest(
        @NotNull @Pattern(regexp = StripeCredentials.SECRET_KEY_PATTERN,
                message = "must be a Stripe secret key (sk_test_..., sk_live_...) or restricted key (rk_...)") String secretKey,
        @NotNull @Pattern(regexp = StripeCredentials.SIGNING_SECRET_PATTERN,
                message = "must be a Stripe webhook signing secret (whsec_...)") String webhookSigningSecret)
        implements CredentialsRequest {

    @Override
    public StripeCredentials toCredentials() {
        return new StripeCredentials(secretKey, webhookSigningSecret);
    }

    @Override
    public String toString() {
        return "StripeAccountRequest[secrets hidden]";
    }
}
