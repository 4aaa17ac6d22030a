package dev.billforge.events.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code payment.dispute_closed} v1: the dispute was decided; {@code dispute.status} is {@code won} (the funds come
 * back) or {@code lost} (they stay with the customer), or {@code warning_closed} for an inquiry that never became a
 * chargeback.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentDisputeClosed(PaymentSnapshot payment, DisputeSnapshot dispute) {
}
