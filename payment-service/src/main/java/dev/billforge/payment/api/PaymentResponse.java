package dev.billforge.payment.api;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.payment.domain.Payment;

/** A payment attempt as the API shows it; amounts in {@code currency}'s minor unit. */
public record PaymentResponse(
        UUID id,
        String object,
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
        Instant createdAt,
        Instant updatedAt) {

    public static final String OBJECT = "payment";

    static PaymentResponse from(Payment payment) {
        return new PaymentResponse(payment.id(), OBJECT, payment.invoiceId(), payment.subscriptionId(),
                payment.customerId(), payment.amount(), payment.currency(), payment.amountRefunded(),
                payment.status().wire(),
                payment.provider(), payment.providerReference(), payment.paymentMethodId(), payment.attempt(),
                payment.failureCode(), payment.declineCode(), payment.failureMessage(), payment.createdAt(), payment.updatedAt());
    }
}
