package dev.billforge.events.payment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One payment attempt on an invoice.
 *
 * @param amount in {@code currency}'s minor unit
 * @param amountRefunded how much of {@code amount} was given back so far (refunds succeeded or under way), 0 if none
 * @param status {@code succeeded}, {@code failed} or {@code requires_action} in events ({@code processing} only
 *        while the provider answers)
 * @param provider {@code simulator}, {@code stripe} or {@code paypal}
 * @param providerReference the provider's id of the charge (payment intent, PayPal capture), null if none was made
 * @param attempt 1 for the first attempt on the invoice, then 2, 3, ...
 * @param failureCode stable machine code of a failure ({@code card_declined}, {@code insufficient_funds},
 *        {@code no_payment_method}, ...), null on success
 * @param declineCode the issuer's reason when a card was declined ({@code insufficient_funds}, {@code lost_card},
 *        ...), null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentSnapshot(
        UUID id,
        UUID invoiceId,
        UUID subscriptionId,
        UUID customerId,
        long amount,
        String currency,
        long amountRefunded,
        String status,
        String provider,
        String providerReference,
        UUID paymentMethodId,
        int attempt,
        String failureCode,
        String declineCode,
        String failureMessage,
        Instant createdAt) {
}
