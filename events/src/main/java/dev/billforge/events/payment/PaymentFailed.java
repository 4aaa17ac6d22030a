package dev.billforge.events.payment;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code payment.failed} v1: the attempt was declined or could not be made.
 *
 * @param nextRetryAt when the dunning schedule tries again, null when no retry is planned
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentFailed(PaymentSnapshot payment, Instant nextRetryAt) {
}
