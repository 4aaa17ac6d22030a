package dev.billforge.events.creditnote;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code credit_note.issued} v1: invoicing issued a credit note for a refund; the invoice's {@code amount_refunded}
 * is now {@code invoice_amount_refunded}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreditNoteIssued(CreditNoteSnapshot creditNote, long invoiceAmountRefunded) {
}
