package dev.billforge.console.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * Amounts as people type them into the console's forms, in the currency's major unit ({@code 19.99} USD,
 * {@code 500} JPY), taken to the API's minor unit exactly: more decimals than the currency has is refused, never
 * rounded.
 */
final class MoneyInput {

    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private MoneyInput() {
    }

    /** An ISO 4217 code as typed ({@code usd}), upper-cased; the services check it is one. */
    static String currency(String typed) {
        return typed == null ? "" : typed.trim().toUpperCase(Locale.ROOT);
    }

    /** {@code typed} in minor units of {@code currency}; a 400 naming {@code field} when it is not an amount. */
    static long minorUnits(String field, String typed, String currency) {
        try {
            int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            String amount = typed.trim();
            if (amount.contains(",")) { // 1,250.00 groups thousands; 19,99 (a decimal comma) is refused, not 1999
                if (!GROUPED.matcher(amount).matches()) {
                    throw invalid(field, "Write the amount with a decimal point, e.g. 19.99 (commas only between"
                            + " thousands).");
                }
                amount = amount.replace(",", "");
            }
            BigDecimal major = new BigDecimal(amount);
            return major.movePointRight(digits).longValueExact();
        } catch (ServiceProblem refused) {
            throw refused;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(field, "Give a currency code (ISO 4217, e.g. USD) and an amount such as 19.99.");
        } catch (ArithmeticException e) {
            throw invalid(field, "The amount has more decimals than " + currency + " has.");
        }
    }

    /** Like {@link #minorUnits}, but a blank field means "not given" (null). */
    static Long optionalMinorUnits(String field, String typed, String currency) {
        return typed == null || typed.isBlank() ? null : minorUnits(field, typed, currency);
    }

    /** A whole number typed into {@code field}, or {@code fallback} when left blank. */
    static long count(String field, String typed, long fallback) {
        try {
            return typed == null || typed.isBlank() ? fallback : Long.parseLong(typed.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, "Give a whole number, e.g. 1.");
        }
    }

    /** Like {@link #count}, for fields the services take as 32-bit numbers (intervals, days). */
    static int smallCount(String field, String typed, int fallback) {
        long count = count(field, typed, fallback);
        if (count < Integer.MIN_VALUE || count > Integer.MAX_VALUE) {
            throw invalid(field, "Give a smaller number.");
        }
        return (int) count;
    }

    static ServiceProblem invalid(String field, String message) {
        return ServiceProblem.invalidField(field, ErrorCode.INVALID_VALUE, message);
    }
}
