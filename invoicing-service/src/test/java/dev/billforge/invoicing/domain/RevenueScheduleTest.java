package dev.billforge.invoicing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Revenue recognition's rules, exact to the minor unit: straight-line by day with cumulative rounding, never before it
 * was booked, net of tax, and credit notes reversing what was recognised at once and the rest over the period.
 */
class RevenueScheduleTest {

    private static final Instant JAN_15 = Instant.parse("2027-01-15T00:00:00Z");
    private static final Instant FEB_14 = Instant.parse("2027-02-14T00:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2027-01-15");

    @Test
    void aPeriodIsRecognisedDayByDayAndEachMonthGetsItsDays() {
        Invoice invoice = paid(List.of(line("Pro", 3000, JAN_15, FEB_14)), null, JAN_15);
        List<RevenueEntry> charges = RevenueSchedules.charges(invoice, JAN_15, UUID::randomUUID);

        List<MonthlyRevenue> months = MonthlyRevenue.of(charges, YearMonth.of(2027, 1), YearMonth.of(2027, 3));

        // 30 days at 100 a day: 17 in January (15th to 31st), 13 in February.
        assertEquals(List.of(new MonthlyRevenue(YearMonth.of(2027, 1), 1700, 1300),
                new MonthlyRevenue(YearMonth.of(2027, 2), 1300, 0),
                new MonthlyRevenue(YearMonth.of(2027, 3), 0, 0)), months);
        assertEquals(100, charges.get(0).recognizedBy(Instant.parse("2027-01-16T09:00:00Z")), "one day has ended");
        assertEquals(0, charges.get(0).recognizedBy(Instant.parse("2027-01-15T23:59:59Z")), "the first has not");
    }

    @Test
    void aLinePaidLateCatchesUpInTheMonthItWasPaid() {
        Instant paidAt = Instant.parse("2027-02-03T12:00:00Z");
        Invoice invoice = paid(List.of(line("Pro", 3000, JAN_15, FEB_14)), null, paidAt);
        List<RevenueEntry> charges = RevenueSchedules.charges(invoice, paidAt, UUID::randomUUID);

        List<MonthlyRevenue> months = MonthlyRevenue.of(charges, YearMonth.of(2027, 1), YearMonth.of(2027, 2));

        assertEquals(new MonthlyRevenue(YearMonth.of(2027, 1), 0, 0), months.get(0), "nothing before it was paid");
        assertEquals(new MonthlyRevenue(YearMonth.of(2027, 2), 3000, 0), months.get(1));
        assertEquals(1900, charges.get(0).recognizedBy(paidAt), "19 days caught up when paid");
    }

    @Test
    void aOneOffLineIsRecognisedAtOnceWhenPaid() {
        Instant added = Instant.parse("2027-01-20T08:00:00Z");
        Instant paidAt = Instant.parse("2027-02-01T08:00:00Z");
        Invoice invoice = paid(List.of(InvoiceItem.LineDetails.oneOff("Setup", 2, 2500, added)), null, paidAt);
        RevenueEntry setup = RevenueSchedules.charges(invoice, paidAt, UUID::randomUUID).get(0);

        assertEquals(0, setup.recognizedBy(paidAt.minusNanos(1000)));
        assertEquals(5000, setup.recognizedBy(paidAt));
        assertEquals(0, setup.deferredAt(paidAt));
    }

    @Test
    void revenueIsNetOfTaxExclusiveOrInclusive() {
        List<InvoiceItem.LineDetails> lines = List.of(line("Pro", 10000, JAN_15, FEB_14), line("Seats", 1900, JAN_15,
                FEB_14));
        Invoice exclusive = paid(lines, rate("19", false), JAN_15);
        assertEquals(List.of(10000L, 1900L), amounts(RevenueSchedules.charges(exclusive, JAN_15, UUID::randomUUID)));

        Invoice inclusive = paid(lines, rate("19", true), JAN_15);
        // 11900 including 19% is 10000 net; the tax (1900) comes out of each line in proportion to its amount.
        List<Long> net = amounts(RevenueSchedules.charges(inclusive, JAN_15, UUID::randomUUID));
        assertEquals(inclusive.totalExcludingTax(), net.stream().mapToLong(Long::longValue).sum());
        assertEquals(List.of(8403L, 1597L), net);
    }

    @Test
    void aCreditNoteReversesWhatWasRecognisedAtOnceAndTheRestOverThePeriod() {
        Invoice invoice = paid(List.of(line("Pro", 3000, JAN_15, FEB_14)), null, JAN_15);
        List<RevenueEntry> charges = RevenueSchedules.charges(invoice, JAN_15, UUID::randomUUID);
        Instant refundedAt = Instant.parse("2027-01-25T00:00:00Z"); // 10 of 30 days recognised

        List<RevenueEntry> reversals = RevenueSchedules.reversals(invoice, charges, UUID.randomUUID(), 1500, 0,
                refundedAt, UUID::randomUUID);

        assertEquals(List.of(RevenueEntry.REVERSAL_RECOGNIZED, RevenueEntry.REVERSAL_DEFERRED),
                reversals.stream().map(RevenueEntry::kind).toList());
        assertEquals(List.of(-500L, -1000L), amounts(reversals));
        List<RevenueEntry> all = new ArrayList<>(charges);
        all.addAll(reversals);
        List<MonthlyRevenue> months = MonthlyRevenue.of(all, YearMonth.of(2027, 1), YearMonth.of(2027, 2));
        // January: 17 days of 100, less 500 at once, less 7 of the remaining 20 days of 50 = 850.
        assertEquals(new MonthlyRevenue(YearMonth.of(2027, 1), 850, 650), months.get(0));
        assertEquals(new MonthlyRevenue(YearMonth.of(2027, 2), 650, 0), months.get(1));
    }

    @Test
    void aRefundBeforeThePeriodStartsCancelsItDayForDay() {
        Instant yearStart = Instant.parse("2027-01-01T00:00:00Z");
        Instant paidAt = Instant.parse("2026-12-01T00:00:00Z");
        Invoice invoice = paid(List.of(line("Annual", 36500, yearStart, Instant.parse("2028-01-01T00:00:00Z"))), null,
                paidAt);
        List<RevenueEntry> charges = RevenueSchedules.charges(invoice, paidAt, UUID::randomUUID);

        List<RevenueEntry> all = new ArrayList<>(charges);
        all.addAll(RevenueSchedules.reversals(invoice, charges, UUID.randomUUID(), 36500, 0,
                Instant.parse("2026-12-15T00:00:00Z"), UUID::randomUUID));

        for (MonthlyRevenue month : MonthlyRevenue.of(all, YearMonth.of(2026, 12), YearMonth.of(2028, 1))) {
            assertEquals(new MonthlyRevenue(month.month(), 0, 0), month, "refunded in full before it began");
        }
    }

    @Test
    void aCreditNoteIsReversedNetOfItsTaxAcrossTheLines() {
        Invoice invoice = paid(List.of(line("Pro", 6000, JAN_15, FEB_14), line("Seats", 4000, JAN_15, FEB_14)),
                rate("19", false), JAN_15);
        List<RevenueEntry> charges = RevenueSchedules.charges(invoice, JAN_15, UUID::randomUUID);

        // A refund of 5950 including 950 tax reverses 5000: 3000 of Pro, 2000 of Seats, all deferred (paid today).
        List<RevenueEntry> reversals = RevenueSchedules.reversals(invoice, charges, UUID.randomUUID(), 5950, 950,
                JAN_15, UUID::randomUUID);

        assertEquals(List.of(-3000L, -2000L), amounts(reversals));
        assertTrue(reversals.stream().allMatch(entry -> entry.kind().equals(RevenueEntry.REVERSAL_DEFERRED)));
    }

    @Test
    void onlyAPaidInvoiceIsRevenue() {
        Invoice open = Invoice.draft(UUID.randomUUID(), "t1", UUID.randomUUID(), null, "EUR", JAN_15, FEB_14, JAN_15);
        open.addLine(UUID.randomUUID(), line("Pro", 3000, JAN_15, FEB_14), JAN_15);
        open.finalizeAs("INV-000001", DUE, JAN_15);

        assertThrows(IllegalStateException.class, () -> RevenueSchedules.charges(open, JAN_15, UUID::randomUUID));
    }

    @Property
    void anEntrysMonthsAddUpToItsAmountAndEachDayGetsItsShare(
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long amount,
            @ForAll @IntRange(min = 0, max = 800) int periodDays, @ForAll @IntRange(min = 0, max = 86_399) int startSecond,
            @ForAll @IntRange(min = -40, max = 900) int bookedAfterDays) {
        Instant from = JAN_15.plusSeconds(startSecond);
        Instant until = from.plus(Duration.ofDays(periodDays));
        Instant booked = from.plus(Duration.ofDays(bookedAfterDays));
        Invoice invoice = paid(List.of(line("x", 1, from, until)), null, from);
        RevenueEntry entry = RevenueEntry.of(UUID.randomUUID(), invoice, invoice.lines().get(0), null,
                RevenueEntry.CHARGE, amount, from, until, booked);

        YearMonth first = YearMonth.from(from.minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(until.plus(Duration.ofDays(940)).atOffset(ZoneOffset.UTC));
        List<MonthlyRevenue> months = MonthlyRevenue.of(List.of(entry), first, last);

        assertEquals(amount, months.stream().mapToLong(MonthlyRevenue::recognized).sum(), "recognised in full");
        assertEquals(0, months.get(months.size() - 1).deferred());
        for (MonthlyRevenue month : months) {
            if (MonthlyRevenue.end(month.month()).isBefore(booked)) {
                assertEquals(new MonthlyRevenue(month.month(), 0, 0), month, "nothing before it was booked");
            }
        }
        // After booking, a day's increment is the daily amount, rounded down or up, never more.
        if (periodDays > 1) {
            long daily = Math.abs(amount / periodDays);
            Instant day = booked.isAfter(from) ? booked : from;
            long before = entry.recognizedBy(day.plus(Duration.ofDays(1)));
            for (int i = 2; i < 40 && !day.plus(Duration.ofDays(i)).isAfter(until); i++) {
                long after = entry.recognizedBy(day.plus(Duration.ofDays(i)));
                long step = Math.abs(after - before);
                assertTrue(step == daily || step == daily + 1, "day step " + step + " vs " + daily);
                before = after;
            }
        }
    }

    @Property
    void aSplitAddsUpToTheWholeExactly(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long total,
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 1, max = 1_000_000_000L) Long> weights) {
        long[] shares = RevenueSchedules.split(total, weights.stream().mapToLong(Long::longValue).toArray());

        long sum = 0;
        for (long share : shares) {
            sum += share;
        }
        assertEquals(total, sum);
    }

    @Property
    void creditNotesReverseExactlyTheirNetAmount(@ForAll @LongRange(min = 1, max = 100_000_000L) long price,
            @ForAll @IntRange(min = 1, max = 100) int refundedPercent, @ForAll @IntRange(min = 0, max = 40) int day,
            @ForAll boolean inclusive) {
        Invoice invoice = paid(List.of(line("Pro", price, JAN_15, FEB_14), InvoiceItem.LineDetails.oneOff("Setup", 1,
                price / 3 + 1, JAN_15)), rate("7.5", inclusive), JAN_15);
        List<RevenueEntry> charges = RevenueSchedules.charges(invoice, JAN_15, UUID::randomUUID);
        long refund = Math.max(1, invoice.amountPaid() * refundedPercent / 100);
        CreditNote note = CreditNote.forRefund(UUID.randomUUID(), "CN-1", invoice, UUID.randomUUID(),
                UUID.randomUUID(), refund, null, JAN_15.plus(Duration.ofDays(day)));

        List<RevenueEntry> reversals = RevenueSchedules.reversals(invoice, charges, note.id(), note.amount(),
                note.tax(), note.createdAt(), UUID::randomUUID);

        assertEquals(-(note.amount() - note.tax()), reversals.stream().mapToLong(RevenueEntry::amount).sum());
        List<RevenueEntry> all = new ArrayList<>(charges);
        all.addAll(reversals);
        long recognised = MonthlyRevenue.of(all, YearMonth.of(2027, 1), YearMonth.of(2027, 4)).stream()
                .mapToLong(MonthlyRevenue::recognized).sum();
        assertEquals(invoice.totalExcludingTax() - (note.amount() - note.tax()), recognised);
    }

    private static InvoiceItem.LineDetails line(String what, long amount, Instant start, Instant end) {
        return new InvoiceItem.LineDetails(what, 1, amount, start, end, false);
    }

    private static AppliedTaxRate rate(String percentage, boolean inclusive) {
        return AppliedTaxRate.of(TaxRate.of(UUID.randomUUID(), "t1", "VAT", "DE", null, new BigDecimal(percentage),
                inclusive, JAN_15));
    }

    /** An invoice of {@code lines}, finalized and paid in full at {@code paidAt}. */
    private static Invoice paid(List<InvoiceItem.LineDetails> lines, AppliedTaxRate rate, Instant paidAt) {
        Invoice invoice = Invoice.draft(UUID.randomUUID(), "t1", UUID.randomUUID(), null, "EUR", JAN_15, FEB_14,
                JAN_15);
        if (rate != null) {
            invoice.taxAt(rate);
        }
        lines.forEach(line -> invoice.addLine(UUID.randomUUID(), line, JAN_15));
        invoice.finalizeAs("INV-000001", DUE, JAN_15);
        if (invoice.amountDue() > 0) {
            invoice.applyPayment(invoice.amountDue(), 1, paidAt, paidAt);
        }
        return invoice;
    }

    private static List<Long> amounts(List<RevenueEntry> entries) {
        return entries.stream().map(RevenueEntry::amount).toList();
    }
}
