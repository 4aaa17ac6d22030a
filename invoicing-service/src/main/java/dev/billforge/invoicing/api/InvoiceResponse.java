package dev.billforge.invoicing.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    /** Why the latest payment attempt failed. */
    public record LastPaymentError(String code, String message) {

        static LastPaymentError from(PaymentError error) {
            return error == null ? null : new LastPaymentError(error.code(), error.message());
        }
    }

    static InvoiceResponse from(Invoice invoice) {
        return new InvoiceResponse(invoice.id(), OBJECT, invoice.number(), invoice.customerId(),
                invoice.subscriptionId(), invoice.status().wire(), invoice.collectionMethod().wire(),
                invoice.daysUntilDue(), invoice.description(), invoice.currency(), invoice.total(),
                invoice.startingBalance(), invoice.endingBalance(), invoice.amountDue(), invoice.amountPaid(),
                invoice.amountRemaining(), invoice.amountRefunded(), invoice.attemptCount(), invoice.dueDate(),
                invoice.periodStart(), invoice.periodEnd(), invoice.lines().stream().map(Line::from).toList(),
                LastPaymentError.from(invoice.lastPaymentError()), invoice.nextPaymentAttempt(),
                invoice.finalizedAt(), invoice.paidAt(), invoice.metadata(), invoice.createdAt());
    }
}
