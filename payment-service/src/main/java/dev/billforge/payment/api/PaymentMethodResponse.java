package dev.billforge.payment.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.billforge.payment.domain.PaymentMethod;

/**
 * A payment method as the API shows it. The provider token is deliberately not echoed: like Stripe's
 * PaymentMethod object, the resource id is what clients use, and the token is a credential to charge the card
 * through our provider account that readers of the API have no need for.
 */
public record PaymentMethodResponse(
        UUID id,
        String object,
        UUID customerId,
        String provider,
        CardBody card,
        @JsonProperty("default") boolean isDefault,
        Map<String, String> metadata,
        Instant createdAt) {

    public static final String OBJECT = "payment_method";

    /** The displayable part of the card. */
    public record CardBody(String brand, String last4) {
    }

    static PaymentMethodResponse from(PaymentMethod method) {
        return new PaymentMethodResponse(method.id(), OBJECT, method.customerId(), method.provider(),
                new CardBody(method.card().brand(), method.card().last4()), method.isDefault(), method.metadata(),
                method.createdAt());
    }
}
