package dev.billforge.payment.provider.paypal;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * PayPal writes amounts as decimal strings in major units ({@code "19.99"}, {@code "500"} for JPY); we count in minor
 * units. Conversions are exact (BigDecimal, the currency's ISO 4217 digits), never through a double.
 */
final class PayPalAmounts {

    /** The processor response codes PayPal documents for declined card captures, in Stripe's decline words. */
    private static final Map<String, String> DECLINES = Map.of(
            "5120", "insufficient_funds",
            "5400", "expired_card",
            "5180", "invalid_account",
            "9500", "fraudulent",
            "0500", "do_not_honor",
            "1330", "invalid_account",
            "5650", "authentication_required");

    private PayPalAmounts() {
    }

    static String decimal(long minorUnits, String currency) {
        return BigDecimal.valueOf(minorUnits, digits(currency)).toPlainString();
    }

    /** @throws ArithmeticException when the value has more decimals than the currency allows */
    static long minorUnits(String decimal, String currency) {
        return new BigDecimal(decimal).setScale(digits(currency)).unscaledValue().longValueExact();
    }

    static String declineCode(String processorResponseCode) {
        return processorResponseCode == null ? "generic_decline"
                : DECLINES.getOrDefault(processorResponseCode, "generic_decline");
    }

    private static int digits(String currency) {
        return Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
    }
}
