package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One calendar month (UTC) of a currency's revenue, net of tax.
 *
 * @param recognized recognised during the month
 * @param deferred booked but not yet recognised when the month ended
 */
public record MonthlyRevenue(YearMonth month, long recognized, long deferred) {

    /** The month's first instant. */
    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The month (UTC, as billing periods are) that {@code instant} falls in. */
    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    /** The next month's first instant: the end of {@code month}. */
    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /**
     * Each month from {@code from} to {@code to} (both included) of the {@code entries} (one currency's): what their
     * cumulative recognition grew by in the month, and what they still deferred at its end.
     */
    public static List<MonthlyRevenue> of(List<RevenueEntry> entries, YearMonth from, YearMonth to) {
        List<MonthlyRevenue> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            Instant start = start(month);
            Instant end = end(month);
            long recognized = 0;
            long deferred = 0;
            for (RevenueEntry entry : entries) {
                recognized = Math.addExact(recognized, entry.recognizedBy(end) - entry.recognizedBy(start));
                deferred = Math.addExact(deferred, entry.deferredAt(end));
            }
            months.add(new MonthlyRevenue(month, recognized, deferred));
        }
        return months;
    }
}
