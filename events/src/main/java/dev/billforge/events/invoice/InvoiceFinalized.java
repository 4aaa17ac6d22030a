package dev.billforge.events.invoice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code invoice.finalized} v1: the invoice has its number and is {@code open}; it is due and, when the customer
 * pays automatically, to be charged. {@code invoice.attempt_count + 1} is the number of the next payment attempt.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceFinalized(InvoiceSnapshot invoice) {
}
