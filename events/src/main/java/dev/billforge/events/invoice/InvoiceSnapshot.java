package dev.billforge.events.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The invoice as it stands after the change an event announces. Amounts are in {@code currency}'s minor unit and
 * {@code amount_remaining = amount_due - amount_paid}.
 * <p>
 * {@code total} is the sum of the lines (negative when proration credits outweigh the charges);
 * {@code starting_balance} is the customer's credit applied to it (zero or negative) and {@code ending_balance} what is
 * left of that credit afterwards, or a negative total carried forward; {@code amount_due = max(0, total +
 * starting_balance)}. The three were added to v1 on 2026-12-02: events published before carry none of them (null).
 * <p>
 * {@code collection_method} ({@code charge_automatically} or {@code send_invoice}) was added to v1 on 2026-12-03;
 * events published before carry null, and were all charged automatically. {@code subtotal} (the sum of the lines)
 * and {@code tax} were added on the same day: {@code total = subtotal + tax} for an exclusive tax rate, {@code total =
 * subtotal} for an inclusive one (the tax is inside the prices); null in events published before.
 * <p>
 * {@code document} (seller, customer, tax rate and footer as printed on the invoice, fixed at finalization) was added
 * to v1 on 2026-12-03 too: null on drafts and in events published before; an invoice finalized before then carries
 * one whose {@code issuer} and {@code billed_to} are null.
 *
 * @param status {@code open} or {@code paid} (later: {@code void}, {@code uncollectible})
 * @param attemptCount payment attempts made so far
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceSnapshot(
        UUID id,
        String number,
        UUID customerId,
        UUID subscriptionId,
        String status,
        String currency,
        long amountDue,
        long amountPaid,
        long amountRemaining,
        Long total,
        Long startingBalance,
        Long endingBalance,
        int attemptCount,
        LocalDate dueDate,
        Instant periodStart,
        Instant periodEnd,
        List<InvoiceLine> lines,
        Instant finalizedAt,
        Instant paidAt,
        Instant createdAt,
        String collectionMethod,
        Long subtotal,
        Long tax,
        InvoiceDocumentDetails document) {

    /** Wire names of {@code collection_method}. */
    public static final String CHARGE_AUTOMATICALLY = "charge_automatically";
    public static final String SEND_INVOICE = "send_invoice";

    /** Whether payment-service charges the invoice when it is finalized (also for events from before the field). */
    public boolean chargedAutomatically() {
        return collectionMethod == null || CHARGE_AUTOMATICALLY.equals(collectionMethod);
    }
}
