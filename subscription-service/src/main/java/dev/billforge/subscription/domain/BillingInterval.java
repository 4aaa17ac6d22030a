package dev.billforge.subscription.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a plan bills. Periods are computed in UTC on the calendar, so "month" means a calendar month. */
public enum BillingInterval {
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
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BillingInterval> fromApiName(String name) {
        return Arrays.stream(values()).filter(interval -> interval.apiName().equals(name)).findFirst();
    }

    /**
     * The end of a period of {@code count} intervals starting at {@code start}. A month after January 31 is the
     * last day of February (calendar arithmetic clamps to the month's end).
     */
    public Instant periodEnd(Instant start, int count) {
        var utc = start.atZone(ZoneOffset.UTC);
        var end = switch (this) {
            case DAY -> utc.plusDays(count);
            case WEEK -> utc.plusWeeks(count);
            case MONTH -> utc.plusMonths(count);
            case YEAR -> utc.plusYears(count);
        };
        return end.toInstant();
    }
}
