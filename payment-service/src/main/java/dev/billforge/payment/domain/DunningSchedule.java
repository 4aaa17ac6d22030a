package dev.billforge.payment.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * When a failed invoice is retried: {@code retryDays} after its first failed payment (Stripe's default is similar:
 * 3, 5 and 7 days), and what becomes of its subscription when the last retry fails too.
 *
 * @param retryDays strictly increasing, 1 to {@value #MAX_RETRIES} entries
 * @param whenExhausted {@code unpaid} (the subscription stays, unpaid) or {@code canceled}
 */
public record DunningSchedule(List<Integer> retryDays, String whenExhausted) {

    public static final int MAX_RETRIES = 10;
    public static final int MAX_DAYS = 365;
    public static final Set<String> WHEN_EXHAUSTED = Set.of("unpaid", "canceled");

    public DunningSchedule {
        retryDays = List.copyOf(retryDays);
        if (retryDays.isEmpty() || retryDays.size() > MAX_RETRIES) {
            throw new IllegalArgumentException("A schedule has 1 to " + MAX_RETRIES + " retries");
        }
        for (int i = 0; i < retryDays.size(); i++) {
            int day = retryDays.get(i);
            if (day < 1 || day > MAX_DAYS || i > 0 && day <= retryDays.get(i - 1)) {
                throw new IllegalArgumentException("Retry days must grow strictly, each from 1 to " + MAX_DAYS);
            }
        }
        if (!WHEN_EXHAUSTED.contains(whenExhausted)) {
            throw new IllegalArgumentException("when_exhausted is unpaid or canceled");
        }
    }

    /**
     * When to retry after {@code failures} failed attempts, or null when the schedule is exhausted.
     *
     * @param firstFailedAt when the invoice's first attempt failed: every retry day counts from it
     */
    public Instant nextRetry(Instant firstFailedAt, int failures) {
        return failures > retryDays.size() ? null : firstFailedAt.plus(Duration.ofDays(retryDays.get(failures - 1)));
    }

    /** The days as stored: {@code 3,5,7}. */
    public String retryDaysText() {
        return String.join(",", retryDays.stream().map(String::valueOf).toList());
    }

    public static List<Integer> parseDays(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
