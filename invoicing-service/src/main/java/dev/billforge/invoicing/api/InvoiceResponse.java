package dev.billforge.invoicing.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.billforge.invoicing.domain.AppliedTaxRate;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceItem;
import dev.billforge.invoicing.domain.PaymentError;

/** An invoice as the API shows it, lines included. */
public record InvoiceResponse(
        UUID id,
        String object,
        String number,
        UUID customerId,
        UUID subscriptionId,
        String status,
        String collectionMethod,
        Integer daysUntilDue,
        String description,
        String currency,
        long subtotal,
        long tax,
        List<TaxLine> taxLines,
        long totalExcludingTax,
        long total,
        long startingBalance,
        long endingBalance,
        long amountDue,
        long amountPaid,
        long amountRemaining,
        long amountRefunded,
        int attemptCount,
        LocalDate dueDate,
        Instant periodStart,
        Instant periodEnd,
        List<Line> lines,
        LastPaymentError lastPaymentError,
        Instant nextPaymentAttempt,
        Instant finalizedAt,
        Instant paidAt,
        Map<String, String> metadata,
        Instant createdAt) {

    public static final String OBJECT = "invoice";

    /**
     * One invoice line; {@code amount = quantity * unit_amount}. A one-off line billed for no service period has
     * {@code period_start = period_end}, the moment it was added.
     */
    public record Line(UUID id, String description, long quantity, long unitAmount, long amount, Instant periodStart,
            Instant periodEnd, boolean proration) {

        static Line from(InvoiceItem item) {
            return new Line(item.id(), item.description(), item.quantity(), item.unitAmount(), item.amount(), item.periodStart(),
                    item.periodEnd(), item.proration());
        }
    }

    /**
     * The tax at one rate: {@code amount} on {@code taxable_amount} (the lines' sum; for an inclusive rate the tax is
     * inside it). {@code percentage} is exact, never a floating-point number.
     */
    public record TaxLine(UUID taxRateId, String displayName, String country, String region, BigDecimal percentage,
            boolean inclusive, long taxableAmount, long amount) {

        static List<TaxLine> of(Invoice invoice) {
            AppliedTaxRate rate = invoice.taxRate();
            return rate == null ? List.of() : List.of(new TaxLine(rate.rateId(), rate.displayName(), rate.country(),
                    rate.region(), TaxRateResponse.plain(rate.percentage()), rate.inclusive(), invoice.subtotal(),
                    invoice.tax()));
        }
    }

    /** Why the latest payment attempt failed. */
    public record LastPaymentError(String code, String message) {

        static LastPaymentError from(PaymentError error) {
            return error == null ? null : new LastPaymentError(error.code(), error.message());
        }
    }

    static InvoiceResponse from(Invoice invoice) {
        return new InvoiceResponse(invoice.id(), OBJECT, invoice.number(), invoice.customerId(),
                invoice.subscriptionId(), invoice.status().wire(), invoice.collectionMethod().wire(),
                invoice.daysUntilDue(), invoice.description(), invoice.currency(), invoice.subtotal(), invoice.tax(),
                TaxLine.of(invoice), invoice.totalExcludingTax(), invoice.total(),
                invoice.startingBalance(), invoice.endingBalance(), invoice.amountDue(), invoice.amountPaid(),
                invoice.amountRemaining(), invoice.amountRefunded(), invoice.attemptCount(), invoice.dueDate(),
                invoice.periodStart(), invoice.periodEnd(), invoice.lines().stream().map(Line::from).toList(),
                LastPaymentError.from(invoice.lastPaymentError()), invoice.nextPaymentAttempt(),
                invoice.finalizedAt(), invoice.paidAt(), invoice.metadata(), invoice.createdAt());
    }
}
