package dev.billforge.events.balance;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code customer_balance.changed} v1: the customer's balance in {@code currency} is now {@code balance}. Negative is
 * credit owed to the customer (from downgrades, or credit notes issued as credit), applied to their next invoices
 * first; it is never positive. Each change of one customer's balance in one currency has a higher {@code version}:
 * a consumer keeps the highest it has seen, whatever order events arrive in.
 *
 * @param change what this change added ({@code balance} minus the balance before it)
 * @param reason {@code invoice_finalized} (the invoice used credit, or its negative total added some) or
 *        {@code invoice_voided} (the credit it used was given back)
 * @param invoiceId the invoice that changed it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomerBalanceChanged(UUID customerId, String currency, long balance, long change, long version,
        String reason, UUID invoiceId, Instant changedAt) {

    public static final String INVOICE_FINALIZED = "invoice_finalized";
    public static final String INVOICE_VOIDED = "invoice_voided";
}
