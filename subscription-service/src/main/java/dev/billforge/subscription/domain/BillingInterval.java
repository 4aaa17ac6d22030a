package dev.billforge.subscription.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/** How often a plan bills. Periods are computed in UTC on the calendar, so "month" means a calendar month. */
public enum BillingInterval implements WireName {
    DAY(365), WEEK(52), MONTH(12), YEAR(1);

    /** Largest interval_count: like Stripe, one billing period is at most a year. */
    private final int maxCount;

    BillingInterval(int maxCount) {
        this.maxCount = maxCount;
    }

    public int maxCount() {
        return maxCount;
    }

    /** The API and event name: {@code day}, {@code week}, {@code month}, {@code year}. */
    public static Optional<BillingInterval> fromWire(String value) {
        return WireName.fromWire(BillingInterval.class, value);
    }

    @Converter
    public static class Column extends WireNameColumn<BillingInterval> {
        public Column() {
            super(BillingInterval.class);
        }
    }

    /**
     * The end of a period of {@code count} intervals starting at {@code start}. A month after January 31 is the
     * last day of February (calendar arithmetic clamps to the month's end).
     */
    public Instant periodEnd(Instant start, int count) {
        return boundary(start, count, 1);
    }

    /**
     * The {@code n}-th period boundary of a billing cycle anchored at {@code anchor}: the anchor plus
     * {@code n × count} intervals, in UTC. Computed from the anchor, never from the previous boundary, so a cycle
     * keeps its day of the month like Stripe's billing_cycle_anchor: January 31 → February 28 (29 in a leap year) →
     * March 31 → April 30. Adding one month at a time would drift to the 28th for ever after February.
     */
    public Instant boundary(Instant anchor, int count, long n) {
        ZonedDateTime utc = anchor.atZone(ZoneOffset.UTC);
        long steps = Math.multiplyExact(n, count);
        return utc.plus(steps, unit()).toInstant();
    }

    /** The first boundary of the cycle anchored at {@code anchor} that lies strictly after {@code after}. */
    public Instant nextBoundaryAfter(Instant anchor, int count, Instant after) {
        // Estimate how many periods lie between anchor and after, step back one for month-end clamping, then walk.
        long elapsed = unit().between(anchor.atZone(ZoneOffset.UTC), after.atZone(ZoneOffset.UTC));
        long n = Math.max(0, elapsed / count - 1);
        Instant boundary = boundary(anchor, count, n);
        while (!boundary.isAfter(after)) {
            boundary = boundary(anchor, count, ++n);
        }
        return boundary;
    }

    private ChronoUnit unit() {
        return switch (this) {
            case DAY -> ChronoUnit.DAYS;
            case WEEK -> ChronoUnit.WEEKS;
            case MONTH -> ChronoUnit.MONTHS;
            case YEAR -> ChronoUnit.YEARS;
        };
    }
}
