package dev.billforge.console.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A credit note issued against an invoice for a refund (invoicing-service). */
public record CreditNote(@Id @NonNull String id, String number, String invoiceId, String invoiceNumber,
        String customerId, String paymentId, String refundId, long amount, long tax, long amountExcludingTax,
        String currency, String reason, Instant createdAt) {
}
