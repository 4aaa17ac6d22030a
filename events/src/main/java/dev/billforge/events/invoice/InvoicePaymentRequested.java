package dev.billforge.events.invoice;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code invoice.payment_requested} v1: someone asked for the open (or uncollectible) invoice to be paid now
 * ({@code POST /v1/invoices/{id}/pay}). payment-service makes one new attempt, with its own provider idempotency key,
 * and announces {@code payment.succeeded} or {@code payment.failed} as for any attempt.
 *
 * @param invoice the invoice as it stood when payment was asked for ({@code amount_remaining} is what is charged)
 * @param paymentMethodId the customer's payment method to charge; null: the customer's default
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoicePaymentRequested(InvoiceSnapshot invoice, UUID paymentMethodId, Instant requestedAt) {
}
