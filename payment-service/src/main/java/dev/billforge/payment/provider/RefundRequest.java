package dev.billforge.payment.provider;

import java.util.UUID;

/**
 * One refund to ask a provider for.
 *
 * @param paymentReference the provider's id of the captured payment (Stripe's PaymentIntent, PayPal's capture)
 * @param amount in {@code currency}'s minor unit, at most what remains unrefunded
 * @param reason {@code requested_by_customer}, {@code duplicate}, {@code fraudulent} or null
 * @param idempotencyKey the provider answers a repeated key with the first refund instead of refunding again
 */
public record RefundRequest(UUID refundId, UUID paymentId, String paymentReference, long amount, String currency,
        String reason, String idempotencyKey) {
}
