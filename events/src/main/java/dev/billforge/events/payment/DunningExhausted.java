package dev.billforge.events.payment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code dunning.exhausted} v1: the last retry of the tenant's dunning schedule failed; no more payment attempts are
 * made for the invoice. Invoicing marks it {@code uncollectible}; the subscription becomes {@code whenExhausted}.
 *
 * @param amount the amount that could not be collected, in {@code currency}'s minor unit
 * @param attempts payment attempts made on the invoice, the first included
 * @param whenExhausted {@code unpaid} or {@code canceled}: the tenant's setting for the subscription
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DunningExhausted(
        UUID invoiceId,
        UUID subscriptionId,
        UUID customerId,
        long amount,
        String currency,
        int attempts,
        Instant firstFailedAt,
        Instant exhaustedAt,
        String whenExhausted) {
}
