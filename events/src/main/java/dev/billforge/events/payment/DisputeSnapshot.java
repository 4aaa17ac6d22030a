package dev.billforge.events.payment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A customer's challenge of a payment with their bank (a chargeback), as the provider reports it.
 *
 * @param amount disputed, in {@code currency}'s minor unit
 * @param reason the provider's reason ({@code fraudulent}, {@code product_not_received}, ...)
 * @param status {@code needs_response}, {@code under_review}, ... while open; {@code won} or {@code lost} once closed
 * @param closedAt null while the dispute is open
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DisputeSnapshot(
        UUID id,
        UUID paymentId,
        UUID invoiceId,
        UUID customerId,
        long amount,
        String currency,
        String reason,
        String status,
        String provider,
        String providerReference,
        Instant openedAt,
        Instant closedAt) {
}
