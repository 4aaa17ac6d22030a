package dev.billforge.subscription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Period arithmetic: boundaries counted from the billing cycle anchor, in UTC, month ends kept. */
class BillingIntervalTest {

    private static Instant utc(String dateTime) {
        return LocalDateTime.parse(dateTime).toInstant(ZoneOffset.UTC);
    }

    @Test
    void aMonthlyCycleAnchoredOnTheThirtyFirstKeepsTheMonthEndsLikeStripe() {
        Instant anchor = utc("2026-01-31T09:30:00");
        List<String> boundaries = List.of("2026-02-28T09:30:00", "2026-03-31T09:30:00", "2026-04-30T09:30:00",
                "2026-05-31T09:30:00", "2026-06-30T09:30:00");
        Instant end = anchor;
        for (String expected : boundaries) {
            end = BillingInterval.MONTH.nextBoundaryAfter(anchor, 1, end);
            assertEquals(utc(expected), end);
        }
    }

    @Test
    void leapYearsGiveTheTwentyNinthOfFebruaryAndYearlyCyclesComeBackToTheAnchorDay() {
        Instant anchor = utc("2027-01-31T00:00:00");
        assertEquals(utc("2028-02-29T00:00:00"), BillingInterval.MONTH.boundary(anchor, 1, 13));
        Instant leapDay = utc("2028-02-29T12:00:00");
        assertEquals(utc("2029-02-28T12:00:00"), BillingInterval.YEAR.boundary(leapDay, 1, 1));
        assertEquals(utc("2032-02-29T12:00:00"), BillingInterval.YEAR.boundary(leapDay, 1, 4));
        assertEquals(utc("2029-02-28T12:00:00"),
                BillingInterval.YEAR.nextBoundaryAfter(leapDay, 1, utc("2028-03-01T00:00:00")));
    }

    @Test
    void quarterlyAndEveryOtherWeekCountFromTheAnchor() {
        Instant anchor = utc("2026-08-31T00:00:00");
        assertEquals(utc("2026-11-30T00:00:00"), BillingInterval.MONTH.nextBoundaryAfter(anchor, 3, anchor));
        assertEquals(utc("2027-02-28T00:00:00"),
                BillingInterval.MONTH.nextBoundaryAfter(anchor, 3, utc("2026-11-30T00:00:00")));
        assertEquals(utc("2027-05-31T00:00:00"),
                BillingInterval.MONTH.nextBoundaryAfter(anchor, 3, utc("2027-02-28T00:00:00")));
        assertEquals(utc("2026-09-14T00:00:00"), BillingInterval.WEEK.nextBoundaryAfter(anchor, 2, anchor));
        assertEquals(utc("2026-09-03T00:00:00"), BillingInterval.DAY.nextBoundaryAfter(anchor, 3, anchor));
    }

    @Provide
    Arbitrary<Instant> anchors() {
        // 1970 to 2200, to the microsecond (Postgres' precision)
        return Arbitraries.longs().between(0, 7_258_118_400_000_000L).map(micros -> Instant.EPOCH.plusNanos(micros * 1000));
    }

    @Provide
    Arbitrary<BillingInterval> intervals() {
        return Arbitraries.of(BillingInterval.class);
    }

    @Property(tries = 2000)
    void nextBoundaryAfterIsTheFirstBoundaryOfTheCycleStrictlyAfter(@ForAll("anchors") Instant anchor,
            @ForAll("intervals") BillingInterval interval, @ForAll @IntRange(min = 1, max = 12) int count,
            @ForAll @LongRange(min = 0, max = 400) long periods, @ForAll @LongRange(min = 0, max = 86_400) long seconds) {
        Instant after = interval.boundary(anchor, count, periods).plusSeconds(seconds);
        Instant next = interval.nextBoundaryAfter(anchor, count, after);

        assertTrue(next.isAfter(after));
        // It is a boundary of the cycle, and the one before it is not after `after`.
        long n = periods;
        while (!interval.boundary(anchor, count, n).equals(next)) {
            n++;
            assertTrue(n <= periods + 2, "not a boundary of the cycle: " + next);
        }
        assertTrue(n == 0 || !interval.boundary(anchor, count, n - 1).isAfter(after));
    }

    @Property(tries = 2000)
    void periodsFollowEachOtherWithoutGapsOrOverlapsAndKeepTheAnchorsTimeOfDay(@ForAll("anchors") Instant anchor,
            @ForAll("intervals") BillingInterval interval, @ForAll @IntRange(min = 1, max = 12) int count) {
        Instant end = anchor;
        for (int i = 1; i <= 30; i++) {
            Instant next = interval.nextBoundaryAfter(anchor, count, end);
            assertEquals(interval.boundary(anchor, count, i), next, "period " + i + " starts where " + (i - 1) + " ended");
            assertEquals(anchor.atZone(ZoneOffset.UTC).toLocalTime(), next.atZone(ZoneOffset.UTC).toLocalTime());
            end = next;
        }
    }

    @Property(tries = 2000)
    void aMonthlyBoundaryFallsOnTheAnchorsDayOrTheLastDayOfAShorterMonth(@ForAll("anchors") Instant anchor,
            @ForAll @IntRange(min = 1, max = 12) int count, @ForAll @LongRange(min = 1, max = 600) long n) {
        ZonedDateTime boundary = BillingInterval.MONTH.boundary(anchor, count, n).atZone(ZoneOffset.UTC);
        int anchorDay = anchor.atZone(ZoneOffset.UTC).getDayOfMonth();
        int monthLength = YearMonth.from(boundary).lengthOfMonth();
        assertEquals(Math.min(anchorDay, monthLength), boundary.getDayOfMonth());
        ZonedDateTime start = anchor.atZone(ZoneOffset.UTC);
        assertEquals(YearMonth.from(start).plusMonths(n * count), YearMonth.from(boundary));
    }
}
