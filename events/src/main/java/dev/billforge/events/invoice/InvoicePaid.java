package dev.billforge.events.invoice;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code invoice.paid} v1: {@code amount_remaining} reached zero. {@code payment_id} is the payment that settled it,
 * null for an invoice of nothing (a free plan's), which is paid as it is finalized.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoicePaid(InvoiceSnapshot invoice, UUID paymentId) {
}
