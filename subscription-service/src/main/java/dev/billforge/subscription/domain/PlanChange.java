package dev.billforge.subscription.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What moving a subscription to another plan at {@code at} bills: a credit for the unused time on the old plan and a
 * charge for the rest of the period on the new one, both from {@link Proration} (to the second, cumulative rounding),
 * or, when the billing interval changed, a credit and a new period on the new plan starting at {@code at}.
 *
 * @param newPeriod true when the interval changed: the subscription's current period now starts at {@code at}
 * @param lines the proration lines, credits negative; none with {@link ProrationBehavior#NONE}, none that are zero
 */
public record PlanChange(Plan previous, Plan next, ProrationBehavior behavior, Instant at, boolean newPeriod,
        List<Line> lines) {

    /** One proration line: {@code amount} in the currency's minor unit, negative for a credit. */
    public record Line(String description, long amount, Instant periodStart, Instant periodEnd) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /**
     * The lines for a change at {@code at} within the period {@code [periodStart, periodEnd)}: the unused time on
     * {@code previous} credited and, unless a new period starts (the interval changed), the rest of the period on
     * {@code next} charged.
     */
    static List<Line> prorate(Plan previous, Plan next, ProrationBehavior behavior, Instant periodStart,
            Instant periodEnd, Instant at, boolean newPeriod) {
        List<Line> lines = new ArrayList<>();
        if (behavior == ProrationBehavior.NONE || !at.isBefore(periodEnd)) {
            return lines;
        }
        long unused = Proration.remaining(previous.amount(), periodStart, periodEnd, at);
        if (unused != 0) {
            lines.add(new Line("Unused time on " + previous.name() + " after " + DAY.format(at), -unused, at,
                    periodEnd));
        }
        long rest = newPeriod ? 0 : Proration.remaining(next.amount(), periodStart, periodEnd, at);
        if (rest != 0) {
            lines.add(new Line("Remaining time on " + next.name() + " after " + DAY.format(at), rest, at, periodEnd));
        }
        return List.copyOf(lines);
    }
}
