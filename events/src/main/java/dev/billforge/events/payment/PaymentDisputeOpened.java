package dev.billforge.events.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code payment.dispute_opened} v1: the customer's bank challenged the payment; the provider has withdrawn the
 * disputed amount until the dispute is closed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentDisputeOpened(PaymentSnapshot payment, DisputeSnapshot dispute) {
}
