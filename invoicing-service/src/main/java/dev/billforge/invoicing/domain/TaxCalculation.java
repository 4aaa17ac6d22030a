package dev.billforge.invoicing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Tax arithmetic on amounts in a currency's minor unit, exact to that unit whatever its number of decimals (JPY 0,
 * USD 2, KWD 3): every amount is an integer count of minor units, and each result is rounded once, half away from
 * zero, so a credit and a charge of the same size get the same tax with opposite signs.
 */
public final class TaxCalculation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TaxCalculation() {
    }

    /** The tax an exclusive rate adds to {@code amount}: {@code round(amount * percentage / 100)}. */
    public static long addedTo(long amount, BigDecimal percentage) {
        return BigDecimal.valueOf(amount).multiply(percentage).divide(HUNDRED, 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * The tax inside {@code amount} at an inclusive rate: {@code amount - round(amount * 100 / (100 + percentage))},
     * so net and tax add up to the amount exactly.
     */
    public static long includedIn(long amount, BigDecimal percentage) {
        long net = BigDecimal.valueOf(amount).multiply(HUNDRED).divide(HUNDRED.add(percentage), 0,
                RoundingMode.HALF_UP).longValueExact();
        return amount - net;
    }

    /**
     * The share of {@code tax} in the first {@code part} of {@code whole}: {@code round(tax * part / whole)}. Shares of
     * growing parts are cumulative, so the difference between two consecutive ones (what one credit note credits)
     * never adds up to more than {@code tax}, and the whole's share is all of it.
     */
    public static long shareOf(long tax, long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return BigDecimal.valueOf(tax).multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
