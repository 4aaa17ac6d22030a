package dev.billforge.events.invoice;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code invoice.paid} v1: {@code amount_remaining} reached zero; {@code payment_id} is the payment that did it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoicePaid(InvoiceSnapshot invoice, UUID paymentId) {
}
