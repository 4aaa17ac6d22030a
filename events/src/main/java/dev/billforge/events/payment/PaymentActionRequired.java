package dev.billforge.events.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code payment.action_required} v1: the issuer asked for the customer's authentication (3-D Secure) before it
 * pays. The payment's status is {@code requires_action}; its outcome follows as {@code payment.succeeded} or
 * {@code payment.failed} once the customer has acted (or not).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentActionRequired(PaymentSnapshot payment) {
}
