package dev.billforge.events.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The invoice as it stands after the change an event announces. Amounts are in {@code currency}'s minor unit and
 * {@code amount_remaining = amount_due - amount_paid}.
 *
 * @param status {@code open} or {@code paid} (later: {@code void}, {@code uncollectible})
 * @param attemptCount payment attempts made so far
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceSnapshot(
        UUID id,
        String number,
        UUID customerId,
        UUID subscriptionId,
        String status,
        String currency,
        long amountDue,
        long amountPaid,
        long amountRemaining,
        int attemptCount,
        LocalDate dueDate,
        Instant periodStart,
        Instant periodEnd,
        List<InvoiceLine> lines,
        Instant finalizedAt,
        Instant paidAt,
        Instant createdAt) {
}
