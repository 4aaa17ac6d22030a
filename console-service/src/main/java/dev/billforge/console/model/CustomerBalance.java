package dev.billforge.console.model;

import java.time.Instant;
import java.util.List;

/** A customer's balance per currency: negative is credit its next invoices in that currency use first. */
public record CustomerBalance(String customerId, List<Balance> balances) {

    public record Balance(String currency, long balance, Instant updatedAt) {
    }
}
