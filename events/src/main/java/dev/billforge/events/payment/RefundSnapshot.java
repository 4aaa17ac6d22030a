package dev.billforge.events.payment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Money given back to the customer from a captured payment, in full or in part.
 *
 * @param amount in {@code currency}'s minor unit (the payment's currency)
 * @param status {@code succeeded} in {@code payment.refunded}
 * @param reason {@code requested_by_customer}, {@code duplicate} or {@code fraudulent}; null when none was given
 * @param source {@code api} when asked for through our API, {@code provider} when made in the provider's dashboard
 *        and learned from its webhook
 * @param providerReference the provider's id of the refund (Stripe's {@code re_...}, a PayPal refund id)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RefundSnapshot(
        UUID id,
        UUID paymentId,
        UUID invoiceId,
        UUID customerId,
        long amount,
        String currency,
        String status,
        String reason,
        String source,
        String provider,
        String providerReference,
        Instant createdAt) {
}
