package dev.billforge.payment.provider.paypal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.payment.provider.PaymentProvider.CredentialsRequest;

/**
 * {@code PUT /v1/provider-accounts/paypal}: the tenant's PayPal REST app (client id and secret), the id of the
 * webhook they registered with PayPal, and whether the app is a {@code sandbox} or {@code live} one.
 */
public record PayPalAccountRequest(
        @NotBlank @Size(max = 255) String clientId,
        @NotBlank @Size(max = 255) String clientSecret,
        @NotBlank @Size(max = 64) String webhookId,
        @NotNull @Pattern(regexp = "^(sandbox|live)$", message = "must be one of sandbox, live") String mode)
        implements CredentialsRequest {

    @Override
    public PayPalCredentials toCredentials() {
        return new PayPalCredentials(clientId, clientSecret, webhookId, "live".equals(mode));
    }

    @Override
    public String toString() {
        return "PayPalAccountRequest[mode=" + mode + ", webhookId=" + webhookId + ", secrets hidden]";
    }
}
