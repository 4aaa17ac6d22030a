package dev.billforge.console.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * One attempt to collect an invoice (payment-service). {@code status}: pending, processing, requires_action,
 * succeeded, failed, canceled.
 */
public record Payment(@Id @NonNull String id, @NonNull String invoiceId, String subscriptionId,
        @NonNull String customerId, long amount, @NonNull String currency, long amountRefunded,
        @NonNull String status, String provider, String providerReference, String paymentMethodId, int attempt,
        String failureCode, String declineCode, String failureMessage, Instant createdAt, Instant updatedAt) {
}
