package dev.billforge.events.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code payment.succeeded} v1: the provider captured the amount. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentSucceeded(PaymentSnapshot payment) {
}
