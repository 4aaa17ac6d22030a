package dev.billforge.console.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * An invoice (invoicing-service), amounts in minor units of its currency. {@code status}: draft, open, paid, void,
 * uncollectible. The upcoming-invoice preview has no id or number.
 */
public record Invoice(@Id String id, String number, @NonNull String customerId, String subscriptionId,
        @NonNull String status, String collectionMethod, Integer daysUntilDue, String description,
        @NonNull String currency, long subtotal, long tax, List<TaxLine> taxLines, long totalExcludingTax, long total,
        long startingBalance, long endingBalance, long amountDue, long amountPaid, long amountRemaining,
        long amountRefunded, int attemptCount, LocalDate dueDate, Instant periodStart, Instant periodEnd,
        List<Line> lines, PaymentError lastPaymentError, Instant nextPaymentAttempt, Instant finalizedAt,
        Instant paidAt, Map<String, String> metadata, Instant createdAt) {

    /** One line: {@code amount = quantity × unitAmount}; negative on a proration credit. */
    public record Line(@Id String id, String description, long quantity, long unitAmount, long amount,
            Instant periodStart, Instant periodEnd, boolean proration) {
    }

    /** The tax charged at one rate. */
    public record TaxLine(String taxRateId, String displayName, String country, String region, BigDecimal percentage,
            boolean inclusive, long taxableAmount, long amount) {
    }

    /** Why the last attempt to collect failed, e.g. {@code card_declined}. */
    public record PaymentError(String code, String message) {
    }
}
