package dev.billforge.payment.api;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.validation.Metadata;
import dev.billforge.payment.domain.NewPaymentMethod;
import dev.billforge.payment.provider.PaymentProviders;

/**
 * {@code POST /v1/payment-methods}. {@code token} is what the provider issued for the card (for the simulator, where
 * it is turned on, one of its test tokens such as {@code tok_visa}); a card number is refused with
 * {@code card_number_rejected}; a provider this deployment does not offer with {@code provider_not_available}.
 */
public record CreatePaymentMethodRequest(
        @NotNull UUID customerId,
        @NotNull @Pattern(regexp = PaymentProviders.NAME_PATTERN,
                message = "must be a payment provider's name, such as stripe or paypal") String provider,
        @NotBlank @Size(max = 255) String token,
        @Metadata Map<String, String> metadata) {

    NewPaymentMethod toDetails() {
        return new NewPaymentMethod(customerId, provider, token, metadata);
    }

    /** Whatever logs this request never sees the token, which may be a card number sent by mistake. */
    @Override
    public String toString() {
        return "CreatePaymentMethodRequest[customerId=" + customerId + ", provider=" + provider + ", metadata="
                + metadata + "]";
    }
}
