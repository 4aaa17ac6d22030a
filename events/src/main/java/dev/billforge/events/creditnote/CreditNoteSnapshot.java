package dev.billforge.events.creditnote;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A credit note: the legal document that reduces what an invoice charged, here for a refund.
 *
 * @param number the tenant's gapless credit note number ({@code CN-000001}), a sequence of its own beside invoices'
 * @param invoiceNumber the number of the invoice it credits
 * @param amount credited, in {@code currency}'s minor unit
 * @param reason why the money was given back ({@code requested_by_customer}, ...), null when none was given
 * @param tax the part of {@code amount} that credits the invoice's tax; added to v1 on 2026-12-03, null in events
 *        published before
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreditNoteSnapshot(
        UUID id,
        String number,
        UUID invoiceId,
        String invoiceNumber,
        UUID customerId,
        UUID paymentId,
        UUID refundId,
        long amount,
        String currency,
        String reason,
        Instant createdAt,
        Long tax) {
}
