package dev.billforge.chassis.validation;

import java.util.Currency;
import java.util.Locale;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/** ISO 4217 currency codes as requests give them (any case) and as we store them (upper case). */
public final class CurrencyCodes {

    private CurrencyCodes() {
    }

    /**
     * {@code code} in upper case when it is an ISO 4217 currency the JDK knows.
     *
     * @throws ApiException 400 {@code invalid_currency} on {@code field} otherwise
     */
    public static String require(String field, String code) {
        String upper = code == null ? "" : code.toUpperCase(Locale.ROOT);
        try {
            if (upper.length() == 3) {
                Currency.getInstance(upper);
                return upper;
            }
        } catch (IllegalArgumentException e) {
            // not a currency: answered below
        }
        throw ApiException.invalidField(field, ErrorCode.INVALID_CURRENCY, "is not an ISO 4217 currency code");
    }
}
