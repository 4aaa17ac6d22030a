package dev.billforge.document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything an invoice PDF shows; amounts are integers in the currency's minor unit.
 *
 * @param status          {@code open}, {@code paid}, {@code void} or {@code uncollectible}
 * @param currency        ISO 4217 code
 * @param periodStart     the service period's start; {@code null} when the invoice has none
 * @param periodEnd       the service period's end; {@code null} when the invoice has none
 * @param taxLabel        how the tax line reads, for example {@code "Tax DE 19% (included)"}; {@code null}: no tax line
 * @param startingBalance 0 or negative: customer credit applied to this invoice
 * @param footer          free text under the totals; {@code null} for none
 */
public record InvoiceDocument(
        String number, String status, String currency,
        LocalDate issueDate, LocalDate dueDate, Instant periodStart, Instant periodEnd,
        Party seller, Party buyer, List<Line> lines,
        long subtotal, long tax, String taxLabel, long total,
        long startingBalance, long amountDue, long amountPaid, long amountRemaining,
        String footer) {

    public InvoiceDocument {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        lines = List.copyOf(lines);
    }

    /** Seller or buyer as printed: name, postal address lines, optional tax id and email. */
    public record Party(String name, List<String> addressLines, String taxId, String email) {

        public Party {
            Objects.requireNonNull(name, "name");
            addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
        }
    }

    /** One invoice line; {@code periodStart}/{@code periodEnd} are {@code null} for one-off charges. */
    public record Line(String description, long quantity, long unitAmount, long amount, Instant periodStart,
            Instant periodEnd) {

        public Line {
            Objects.requireNonNull(description, "description");
        }
    }
}
