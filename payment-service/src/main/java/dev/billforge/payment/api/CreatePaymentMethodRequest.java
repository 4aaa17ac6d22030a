package dev.billforge.payment.api;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.validation.Metadata;
import dev.billforge.payment.domain.NewPaymentMethod;
import dev.billforge.payment.domain.Providers;

/**
 * {@code POST /v1/payment-methods}. {@code token} is what the provider issued for the card (for the simulator one
 * of its test tokens such as {@code tok_visa}); a card number is refused with {@code card_number_rejected}.
 */
public record CreatePaymentMethodRequest(
        @NotNull UUID customerId,
        @NotNull @Pattern(regexp = Providers.PATTERN, message = "must be one of simulator, stripe, paypal") String provider,
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
