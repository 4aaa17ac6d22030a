package dev.billforge.console.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * Amounts as people type them into the console's forms, in the currency's major unit ({@code 19.99} USD,
 * {@code 500} JPY), taken to the API's minor unit exactly: more decimals than the currency has is refused, never
 * rounded.
 */
final class MoneyInput {

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
            BigDecimal major = new BigDecimal(typed.trim().replace(",", ""));
            return major.movePointRight(digits).longValueExact();
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

    static ServiceProblem invalid(String field, String message) {
        return ServiceProblem.invalidField(field, ErrorCode.INVALID_VALUE, message);
    }
}
