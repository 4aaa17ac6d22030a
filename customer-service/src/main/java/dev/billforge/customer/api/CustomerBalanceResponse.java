package dev.billforge.customer.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.billforge.customer.domain.CustomerBalance;

/**
 * {@code GET /v1/customers/{id}/balance}: one balance per currency, each in its minor unit, zero or negative (credit
 * owed to the customer). A currency the customer never had a balance in is not listed.
 */
public record CustomerBalanceResponse(String object, UUID customerId, List<Balance> balances) {

    public record Balance(String currency, long balance, Instant updatedAt) {
    }

    static CustomerBalanceResponse of(UUID customerId, List<CustomerBalance> balances) {
        return new CustomerBalanceResponse("customer_balance", customerId, balances.stream()
                .map(balance -> new Balance(balance.currency(), balance.balance(), balance.updatedAt())).toList());
    }
}
