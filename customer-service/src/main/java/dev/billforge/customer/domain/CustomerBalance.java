package dev.billforge.customer.domain;

import java.time.Instant;

/**
 * A customer's balance in one currency, in its minor unit: zero or negative, the credit owed to the customer (from
 * downgrades), which their next invoices in that currency use first. invoicing-service keeps and applies it.
 */
public record CustomerBalance(String currency, long balance, Instant updatedAt) {
}
