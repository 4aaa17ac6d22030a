package dev.billforge.events.invoice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code invoice.voided} v1: the invoice is {@code void} and nothing more will be collected for it (its subscription
 * was canceled now). Dunning stops; a payment that still succeeds for it is refunded.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceVoided(InvoiceSnapshot invoice) {
}
