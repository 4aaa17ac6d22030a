package dev.billforge.subscription.domain;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * How much of a period's price falls in part of the period, to the second, in the currency's minor unit.
 * <p>
 * Rounding is cumulative: the share of {@code [start, t)} is {@code round(amount × elapsed(t) / length)} (half up),
 * and the share of any piece {@code [a, b)} is the difference of two such cumulative shares. However often a period
 * is cut (one plan change, then another), the pieces of one period on one plan telescope to exactly the plan's
 * amount: no minor unit is gained or lost, which rounding each piece on its own cannot promise (three thirds of 100
 * would be 33 + 33 + 33).
 */
public final class Proration {

    private Proration() {
    }

    /** The share of {@code amount} for {@code [from, to)} of the period {@code [periodStart, periodEnd)}. */
    public static long between(long amount, Instant periodStart, Instant periodEnd, Instant from, Instant to) {
        return accrued(amount, periodStart, periodEnd, to) - accrued(amount, periodStart, periodEnd, from);
    }

    /** The share of {@code amount} from {@code at} to the end of the period: what is unused after {@code at}. */
    public static long remaining(long amount, Instant periodStart, Instant periodEnd, Instant at) {
        return amount - accrued(amount, periodStart, periodEnd, at);
    }

    /**
     * The cumulative share of {@code amount} for {@code [periodStart, at)}, in whole seconds, rounded half up; an
     * instant outside the period counts as its nearer end.
     */
    static long accrued(long amount, Instant periodStart, Instant periodEnd, Instant at) {
        long length = Duration.between(periodStart, periodEnd).getSeconds();
        if (length <= 0) {
            throw new IllegalArgumentException("An empty period: " + periodStart + " to " + periodEnd);
        }
        long elapsed = Math.max(0, Math.min(length, Duration.between(periodStart, at).getSeconds()));
        // round half up of amount × elapsed / length, exactly (amounts up to 2^63, periods up to centuries)
        BigInteger[] quotient = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(elapsed))
                .divideAndRemainder(BigInteger.valueOf(length));
        long rounded = quotient[0].longValueExact();
        return quotient[1].shiftLeft(1).compareTo(BigInteger.valueOf(length)) >= 0 ? rounded + 1 : rounded;
    }
}
