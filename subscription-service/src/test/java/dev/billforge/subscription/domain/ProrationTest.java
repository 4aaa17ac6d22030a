package dev.billforge.subscription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Proration to the second with cumulative rounding, checked by example, by property and against Kill Bill's suites. */
class ProrationTest {

    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(30));

    @Test
    void thirtyToSixtyDollarsTenDaysIntoAThirtyDayPeriodCreditsTwentyAndChargesForty() {
        Instant change = START.plus(Duration.ofDays(10));
        assertEquals(2000, Proration.remaining(3000, START, END, change), "unused part of the old plan");
        assertEquals(4000, Proration.remaining(6000, START, END, change), "rest of the period on the new plan");
        assertEquals(1000, Proration.between(3000, START, END, START, change), "used part of the old plan");
    }

    @Test
    void threeThirdsOfAHundredAddUpToAHundred() {
        Instant third = START.plus(Duration.ofDays(10));
        Instant twoThirds = START.plus(Duration.ofDays(20));
        long first = Proration.between(100, START, END, START, third);
        long second = Proration.between(100, START, END, third, twoThirds);
        long last = Proration.between(100, START, END, twoThirds, END);
        assertEquals(List.of(33L, 34L, 33L), List.of(first, second, last));
    }

    @Test
    void prorationCountsWholeSecondsAndClampsToThePeriod() {
        assertEquals(0, Proration.remaining(3000, START, END, END.plusSeconds(5)));
        assertEquals(3000, Proration.remaining(3000, START, END, START.minusSeconds(5)));
        // one second into a 30-day period of 2,592,000 units: exactly one unit is used
        assertEquals(2_591_999, Proration.remaining(2_592_000, START, END, START.plusMillis(1999)));
    }

    // --- Kill Bill's in-advance proration suites (TestLeadingProRation, TestTrailingProRation, TestDoubleProRation;
    // monthly and annual), translated: a subscription billed in advance from `start` (to `end`, if any) on a cycle
    // whose periods begin on day `bcd`, looked at on `target`. Kill Bill counts billing periods (1 + 14/31 ...); we
    // bill minor units, so each case expects AMOUNT per whole period plus AMOUNT × each fraction, rounded half up.

    private static final long AMOUNT = 100_000; // 1,000.00 in a 2-decimal currency

    static Stream<Arguments> killBillCases() {
        return Stream.of(
                // monthly, TestLeadingProRation (bcd 13): 2011-02-01 -> 02-13 is 12 of the 31 days from 01-13
                kb("monthly leading: target on start", "month", "2011-02-01", null, "2011-02-01", 13, 0, "12/31"),
                kb("monthly leading: target in proration period", "month", "2011-02-01", null, "2011-02-04", 13, 0, "12/31"),
                kb("monthly leading: target on first billing date", "month", "2011-02-01", null, "2011-02-13", 13, 1, "12/31"),
                kb("monthly leading: target after first period", "month", "2011-02-01", null, "2011-04-13", 13, 3, "12/31"),
                kb("monthly leading, end: target on start", "month", "2011-02-01", "2011-04-13", "2011-02-01", 13, 0, "12/31"),
                kb("monthly leading, end: target in proration", "month", "2011-02-01", "2011-04-13", "2011-02-04", 13, 0, "12/31"),
                kb("monthly leading, end: on first billing date", "month", "2011-02-01", "2011-04-13", "2011-02-13", 13, 1, "12/31"),
                kb("monthly leading, end: in final period", "month", "2011-02-01", "2011-04-13", "2011-04-10", 13, 2, "12/31"),
                kb("monthly leading, end: target on end", "month", "2011-02-01", "2011-04-13", "2011-04-13", 13, 2, "12/31"),
                // monthly, TestTrailingProRation (bcd 17): 2010-07-17 -> 07-25 is 8 of the 31 days to 08-17
                kb("monthly trailing: target on start", "month", "2010-06-17", "2010-07-25", "2010-06-17", 17, 1),
                kb("monthly trailing: in first period", "month", "2010-06-17", "2010-07-25", "2010-06-20", 17, 1),
                kb("monthly trailing: at end of first cycle", "month", "2010-06-17", "2010-07-25", "2010-07-17", 17, 1, "8/31"),
                kb("monthly trailing: in proration period", "month", "2010-06-17", "2010-07-25", "2010-07-18", 17, 1, "8/31"),
                kb("monthly trailing: target on end", "month", "2010-06-17", "2010-07-25", "2010-07-25", 17, 1, "8/31"),
                kb("monthly trailing: target after end", "month", "2010-06-17", "2010-07-25", "2010-07-30", 17, 1, "8/31"),
                // monthly, TestDoubleProRation (bcd 15): 01-01 -> 01-15 is 14/31; 02-15 -> 02-27 is 12/28
                kb("monthly double: target on start", "month", "2011-01-01", "2011-02-27", "2011-01-01", 15, 0, "14/31"),
                kb("monthly double: in first proration", "month", "2011-01-01", "2011-02-27", "2011-01-07", 15, 0, "14/31"),
                kb("monthly double: on first billing date", "month", "2011-01-01", "2011-02-27", "2011-01-15", 15, 1, "14/31"),
                kb("monthly double: in full period", "month", "2011-01-01", "2011-02-27", "2011-01-22", 15, 1, "14/31"),
                kb("monthly double: in second proration", "month", "2011-01-01", "2011-02-27", "2011-02-26", 15, 1, "14/31", "12/28"),
                kb("monthly double: target on end", "month", "2011-01-01", "2011-02-27", "2011-02-27", 15, 1, "14/31", "12/28"),
                kb("monthly double: target after end", "month", "2011-01-01", "2011-02-27", "2011-03-07", 15, 1, "14/31", "12/28"),
                kb("monthly double: multiple periods", "month", "2011-01-01", "2011-04-27", "2011-02-26", 15, 2, "14/31"),
                // annual, TestLeadingProRation (bcd 13): 12 of the 365 days from 2010-02-13
                kb("annual leading: target on start", "year", "2011-02-01", null, "2011-02-01", 13, 0, "12/365"),
                kb("annual leading: in proration period", "year", "2011-02-01", null, "2011-02-04", 13, 0, "12/365"),
                kb("annual leading: on first billing date", "year", "2011-02-01", null, "2011-02-13", 13, 1, "12/365"),
                kb("annual leading: after first period", "year", "2011-02-01", null, "2011-04-13", 13, 1, "12/365"),
                kb("annual leading, end: target on end", "year", "2011-02-01", "2012-02-13", "2012-02-13", 13, 1, "12/365"),
                kb("annual leading, end: target after end", "year", "2011-02-01", "2012-02-13", "2012-04-10", 13, 1, "12/365"),
                // annual, TestTrailingProRation (bcd 17): 2011-06-17 -> 06-25 is 8 of 366 days (2012 is a leap year)
                kb("annual trailing: target on start", "year", "2010-06-17", "2012-06-25", "2010-06-17", 17, 1),
                kb("annual trailing: in first period", "year", "2010-06-17", "2011-06-25", "2010-06-20", 17, 1),
                kb("annual trailing: at end of first cycle", "year", "2010-06-17", "2011-06-25", "2011-06-17", 17, 1, "8/366"),
                kb("annual trailing: target on end", "year", "2010-06-17", "2011-06-25", "2011-06-25", 17, 1, "8/366"),
                kb("annual trailing: target after end", "year", "2010-06-17", "2011-06-25", "2011-07-30", 17, 1, "8/366"),
                // annual, TestDoubleProRation (bcd 15): 14/365 leading, 12/366 trailing
                kb("annual double: target on start", "year", "2011-01-01", "2012-01-27", "2011-01-01", 15, 0, "14/365"),
                kb("annual double: on first billing date", "year", "2011-01-01", "2012-01-27", "2011-01-15", 15, 1, "14/365"),
                kb("annual double: on second billing date", "year", "2011-01-01", "2012-01-27", "2012-01-15", 15, 1, "14/365", "12/366"),
                kb("annual double: target on end", "year", "2011-01-01", "2012-01-27", "2012-01-27", 15, 1, "14/365", "12/366"),
                kb("annual double: target after end", "year", "2011-01-01", "2012-01-27", "2012-03-07", 15, 1, "14/365", "12/366"),
                kb("annual double: multiple periods", "year", "2011-01-01", "2013-04-27", "2012-02-26", 15, 2, "14/365"));
    }

    private static Arguments kb(String name, String interval, String start, String end, String target, int bcd,
            int wholePeriods, String... fractions) {
        return Arguments.of(name, BillingInterval.fromWire(interval).orElseThrow(), day(start),
                end == null ? null : day(end), day(target), bcd, wholePeriods, List.of(fractions));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killBillCases")
    void killBillInAdvanceProrationCases(String name, BillingInterval interval, Instant start, Instant end,
            Instant target, int bcd, int wholePeriods, List<String> fractions) {
        long expected = AMOUNT * wholePeriods;
        for (String fraction : fractions) {
            String[] parts = fraction.split("/");
            expected += BigDecimal.valueOf(AMOUNT).multiply(new BigDecimal(parts[0]))
                    .divide(new BigDecimal(parts[1]), 0, RoundingMode.HALF_UP).longValueExact();
        }
        assertEquals(expected, billedInAdvance(interval, start, end, target, bcd), name);
    }

    /**
     * What a subscription billed in advance has been invoiced by {@code target}: every period of its cycle that
     * started by then (the first one from {@code start}), each prorated to the part the subscription covers.
     */
    private static long billedInAdvance(BillingInterval interval, Instant start, Instant end, Instant target, int bcd) {
        LocalDate startDay = LocalDate.ofInstant(start, ZoneOffset.UTC);
        LocalDate anchorDay = startDay.withDayOfMonth(Math.min(bcd, startDay.lengthOfMonth()));
        if (anchorDay.isAfter(startDay)) {
            anchorDay = interval == BillingInterval.YEAR ? anchorDay.minusYears(1) : anchorDay.minusMonths(1);
        }
        Instant anchor = anchorDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant billedUntil = interval.nextBoundaryAfter(anchor, 1, target);
        if (end != null && (billedUntil.isAfter(end) || !target.isBefore(end))) {
            billedUntil = end;
        }
        long total = 0;
        for (Instant periodStart = anchor; periodStart.isBefore(billedUntil);) {
            Instant periodEnd = interval.nextBoundaryAfter(anchor, 1, periodStart);
            Instant from = periodStart.isBefore(start) ? start : periodStart;
            Instant to = periodEnd.isAfter(billedUntil) ? billedUntil : periodEnd;
            if (from.isBefore(to)) {
                total += Proration.between(AMOUNT, periodStart, periodEnd, from, to);
            }
            periodStart = periodEnd;
        }
        return total;
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    // --- properties over random periods, cuts and amounts ---------------------------------------------------------

    /** A currency's exponent and a price in its minor unit: JPY (0), USD (2), KWD (3). */
    record Price(String currency, long amount) {
    }

    @Provide
    Arbitrary<Price> prices() {
        return Arbitraries.of("JPY", "USD", "KWD").flatMap(currency -> {
            int exponent = switch (currency) {
                case "JPY" -> 0;
                case "USD" -> 2;
                default -> 3;
            };
            long max = 1_000_000L * (long) Math.pow(10, exponent); // up to a million in major units
            return Arbitraries.longs().between(0, max).map(amount -> new Price(currency, amount));
        });
    }

    @Provide
    Arbitrary<List<Instant>> periodsWithCuts() {
        Arbitrary<Instant> starts = Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond)
                .map(start -> start.plusNanos(123_000));
        Arbitrary<Long> lengths = Arbitraries.longs().between(1, 400L * 86_400);
        Arbitrary<List<Double>> cuts = Arbitraries.doubles().between(0, 1).list().ofMaxSize(8);
        return Combinators.combine(starts, lengths, cuts).as((start, length, at) -> {
            List<Instant> points = new ArrayList<>();
            points.add(start);
            at.stream().sorted().forEach(f -> points.add(start.plusSeconds((long) (f * length))));
            points.add(start.plusSeconds(length));
            return points;
        });
    }

    @Property(tries = 3000)
    void thePiecesOfAPeriodOnOnePlanAddUpToThePlansAmount(@ForAll("prices") Price price,
            @ForAll("periodsWithCuts") List<Instant> points) {
        Instant start = points.get(0);
        Instant end = points.get(points.size() - 1);
        long sum = 0;
        for (int i = 0; i + 1 < points.size(); i++) {
            long piece = Proration.between(price.amount(), start, end, points.get(i), points.get(i + 1));
            assertTrue(piece >= 0, "a piece is never negative: " + piece);
            sum += piece;
        }
        assertEquals(price.amount(), sum, price.currency());
    }

    @Property(tries = 3000)
    void eachPieceIsWithinOneMinorUnitOfItsExactShare(@ForAll("prices") Price price,
            @ForAll("periodsWithCuts") List<Instant> points) {
        Instant start = points.get(0);
        Instant end = points.get(points.size() - 1);
        long length = Duration.between(start, end).getSeconds();
        for (int i = 0; i + 1 < points.size(); i++) {
            long seconds = Duration.between(points.get(i), points.get(i + 1)).getSeconds();
            BigDecimal exact = BigDecimal.valueOf(price.amount()).multiply(BigDecimal.valueOf(seconds))
                    .divide(BigDecimal.valueOf(length), 10, RoundingMode.HALF_UP);
            long piece = Proration.between(price.amount(), start, end, points.get(i), points.get(i + 1));
            assertTrue(exact.subtract(BigDecimal.valueOf(piece)).abs().compareTo(BigDecimal.ONE) < 0,
                    piece + " vs " + exact);
        }
    }

    @Property(tries = 3000)
    void aPlanChangeCreditsTheUnusedOldAndChargesTheRestOnTheNewSoTheUsedPartIsKept(
            @ForAll("prices") Price old, @ForAll("prices") Price next, @ForAll("periodsWithCuts") List<Instant> points) {
        Instant start = points.get(0);
        Instant end = points.get(points.size() - 1);
        Instant change = points.get(points.size() / 2);
        long credit = Proration.remaining(old.amount(), start, end, change);
        long charge = Proration.remaining(next.amount(), start, end, change);
        // What the customer pays for the period: the old plan in full, minus the credit, plus the charge ...
        long paid = old.amount() - credit + charge;
        // ... is exactly the old plan's share up to the change plus the new plan's share after it.
        assertEquals(Proration.between(old.amount(), start, end, start, change)
                + Proration.between(next.amount(), start, end, change, end), paid);
        assertTrue(credit >= 0 && credit <= old.amount() && charge >= 0 && charge <= next.amount());
    }
}
