package dev.billforge.console.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** Money given back from a payment. {@code status}: pending, succeeded, failed; {@code source}: api, provider, automatic. */
public record Refund(@Id @NonNull String id, String paymentId, String invoiceId, String customerId, long amount,
        String currency, @NonNull String status, String reason, String source, String provider,
        String providerReference, String failureCode, String failureMessage, Instant createdAt, Instant updatedAt) {
}
