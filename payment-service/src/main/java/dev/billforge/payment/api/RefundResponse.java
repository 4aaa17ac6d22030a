package dev.billforge.payment.api;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.payment.domain.Refund;

/** A refund as the API shows it; {@code amount} in {@code currency}'s minor unit. */
public record RefundResponse(
        UUID id,
        String object,
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
        String failureCode,
        String failureMessage,
        Instant createdAt,
        Instant updatedAt) {

    public static final String OBJECT = "refund";

    static RefundResponse from(Refund refund) {
        return new RefundResponse(refund.id(), OBJECT, refund.paymentId(), refund.invoiceId(), refund.customerId(),
                refund.amount(), refund.currency(), refund.status(), refund.reason(), refund.source(),
                refund.provider(), refund.providerReference(), refund.failureCode(), refund.failureMessage(),
                refund.createdAt(), refund.updatedAt());
    }
}
