package dev.billforge.invoicing.api;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.invoicing.domain.CreditNote;

/**
 * A credit note as the API shows it; {@code amount} in {@code currency}'s minor unit, {@code tax} the part of it that
 * credits the invoice's tax, {@code amount_excluding_tax} the rest.
 */
public record CreditNoteResponse(
        UUID id,
        String object,
        String number,
        UUID invoiceId,
        String invoiceNumber,
        UUID customerId,
        UUID paymentId,
        UUID refundId,
        long amount,
        long tax,
        long amountExcludingTax,
        String currency,
        String reason,
        Instant createdAt) {

    public static final String OBJECT = "credit_note";

    static CreditNoteResponse from(CreditNote note) {
        return new CreditNoteResponse(note.id(), OBJECT, note.number(), note.invoiceId(), note.invoiceNumber(),
                note.customerId(), note.paymentId(), note.refundId(), note.amount(), note.tax(), note.amount() - note.tax(), note.currency(), note.reason(),
                note.createdAt());
    }
}
