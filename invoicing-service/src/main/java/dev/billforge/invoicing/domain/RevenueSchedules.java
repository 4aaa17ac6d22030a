package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The revenue rules: which {@link RevenueEntry entries} a paid invoice and a credit note book. Every amount is net of
 * tax and split with cumulative rounding ({@link TaxCalculation#shareOf}), so the parts always add up to the whole
 * exactly.
 * <ul>
 * <li>A paid invoice books one {@link RevenueEntry#CHARGE} per line with a non-zero amount, over the line's service
 * period; a one-off line (no period) is recognised at once.</li>
 * <li>A credit note's amount net of tax is shared over the invoice's lines in proportion to their net amounts. On
 * each line, the share of what the line had recognised when the note was issued is reversed at once
 * ({@link RevenueEntry#REVERSAL_RECOGNIZED}), the rest over what is left of the line's period
 * ({@link RevenueEntry#REVERSAL_DEFERRED}; over all of it when the note comes before the period starts).</li>
 * </ul>
 */
public final class RevenueSchedules {

    private RevenueSchedules() {
    }

    /** The charges a paid invoice books at {@code bookedAt}; ids from {@code ids}. */
    public static List<RevenueEntry> charges(Invoice invoice, Instant bookedAt, Supplier<UUID> ids) {
        if (invoice.status() != InvoiceStatus.PAID) {
            throw new IllegalStateException("Invoice " + invoice.id() + " is " + invoice.status().wire()
                    + ": only a paid invoice's lines are revenue");
        }
        List<InvoiceItem> lines = invoice.lines();
        long[] net = netOfTax(invoice);
        List<RevenueEntry> charges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            InvoiceItem line = lines.get(i);
            if (net[i] != 0) {
                charges.add(RevenueEntry.of(ids.get(), invoice, line, null, RevenueEntry.CHARGE, net[i],
                        line.periodStart(), line.periodEnd(), bookedAt));
            }
        }
        return charges;
    }

    /**
     * The reversals a credit note of {@code amount} including {@code tax} books against the invoice's
     * {@code charges}, at {@code issuedAt}.
     */
    public static List<RevenueEntry> reversals(Invoice invoice, List<RevenueEntry> charges, UUID creditNoteId,
            long amount, long tax, Instant issuedAt, Supplier<UUID> ids) {
        Map<UUID, InvoiceItem> lines = invoice.lines().stream()
                .collect(Collectors.toMap(InvoiceItem::id, line -> line));
        long[] weights = charges.stream().mapToLong(RevenueEntry::amount).toArray();
        long[] shares = split(amount - tax, weights);
        List<RevenueEntry> reversals = new ArrayList<>();
        for (int i = 0; i < charges.size(); i++) {
            RevenueEntry charge = charges.get(i);
            long reversed = shares[i];
            if (reversed == 0) {
                continue;
            }
            InvoiceItem line = lines.get(charge.invoiceItemId());
            // The part of the reversal that matches what the line has recognised so far goes at once...
            long now = TaxCalculation.shareOf(reversed, charge.recognizedBy(issuedAt), charge.amount());
            if (now != 0) {
                reversals.add(RevenueEntry.of(ids.get(), invoice, line, creditNoteId,
                        RevenueEntry.REVERSAL_RECOGNIZED, -now, issuedAt, issuedAt, issuedAt));
            }
            // ...and the rest over what is left of its period, alongside the revenue it takes back: from the note
            // on, or from the period's start when the period has not begun (a refund in advance).
            long later = reversed - now;
            if (later != 0) {
                Instant from = charge.recognizeFrom().isAfter(issuedAt) ? charge.recognizeFrom() : issuedAt;
                Instant until = charge.recognizeUntil().isAfter(from) ? charge.recognizeUntil() : from;
                reversals.add(RevenueEntry.of(ids.get(), invoice, line, creditNoteId,
                        RevenueEntry.REVERSAL_DEFERRED, -later, from, until, issuedAt));
            }
        }
        return reversals;
    }

    /**
     * Each line's amount net of tax. An exclusive rate's tax is added on top of the lines, so a line's net is its
     * amount; an inclusive rate's tax is inside them, and is taken out of each line in proportion to its amount.
     */
    static long[] netOfTax(Invoice invoice) {
        long[] amounts = invoice.lines().stream().mapToLong(InvoiceItem::amount).toArray();
        AppliedTaxRate rate = invoice.taxRate();
        if (rate == null || !rate.inclusive() || invoice.tax() == 0) {
            return amounts;
        }
        long[] taxes = split(invoice.tax(), amounts);
        long[] net = new long[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            net[i] = amounts[i] - taxes[i];
        }
        return net;
    }

    /**
     * {@code total} shared in proportion to {@code weights}, with cumulative rounding: the shares add up to
     * {@code total} exactly. Weights that add up to zero (a charge and an equal credit) get no share.
     */
    static long[] split(long total, long[] weights) {
        long whole = 0;
        for (long weight : weights) {
            whole = Math.addExact(whole, weight);
        }
        long[] shares = new long[weights.length];
        long before = 0;
        long sharedBefore = 0;
        for (int i = 0; i < weights.length; i++) {
            before += weights[i];
            long sharedAfter = TaxCalculation.shareOf(total, before, whole);
            shares[i] = sharedAfter - sharedBefore;
            sharedBefore = sharedAfter;
        }
        return shares;
    }
}
