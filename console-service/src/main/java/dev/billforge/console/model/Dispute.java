package dev.billforge.console.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A chargeback on a payment, in our statuses whichever provider reported it. */
public record Dispute(@Id @NonNull String id, String paymentId, String invoiceId, String customerId, long amount,
        String currency, String reason, @NonNull String status, String provider, String providerReference,
        Instant openedAt, Instant closedAt) {
}
