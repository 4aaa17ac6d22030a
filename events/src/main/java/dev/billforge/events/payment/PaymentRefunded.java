package dev.billforge.events.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code payment.refunded} v1: the provider gave {@code refund.amount} back to the customer. Published once per
 * refund, whether it was asked for through our API or made in the provider's dashboard; {@code payment} shows the
 * total refunded so far in {@code amount_refunded}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentRefunded(PaymentSnapshot payment, RefundSnapshot refund) {
}
