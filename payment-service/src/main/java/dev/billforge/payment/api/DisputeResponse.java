package dev.billforge.payment.api;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.payment.domain.Dispute;

/** A dispute (chargeback) as the API shows it; {@code amount} in {@code currency}'s minor unit. */
public record DisputeResponse(
        UUID id,
        String object,
        UUID paymentId,
        UUID invoiceId,
        UUID customerId,
        long amount,
        String currency,
        String reason,
        String status,
        String provider,
        String providerReference,
        Instant openedAt,
        Instant closedAt) {

    public static final String OBJECT = "dispute";

    static DisputeResponse from(Dispute dispute) {
        return new DisputeResponse(dispute.id(), OBJECT, dispute.paymentId(), dispute.invoiceId(),
                dispute.customerId(), dispute.amount(), dispute.currency(), dispute.reason(), dispute.status().wire(),
                dispute.provider(), dispute.providerReference(), dispute.openedAt(), dispute.closedAt());
    }
}
