package dev.billforge.document;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an amount in a currency's minor unit for people: {@code 1999 USD -> "$19.99"}, {@code 500 JPY -> "¥500"},
 * {@code 1250 CHF -> "CHF 12.50"}. Exact (BigDecimal, never double) and independent of the JVM's locale data: a fixed
 * symbol for a few currencies everyone reads unambiguously, the ISO code for all others, and {@code ,} grouping with a
 * {@code .} decimal point.
 */
public final class MoneyFormat {

    private static final Map<String, String> SYMBOLS = Map.of("USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥");

    private MoneyFormat() {
    }

    /**
     * @throws IllegalArgumentException when {@code currency} is not an ISO 4217 code: without its minor unit an
     *         amount cannot be shown correctly, and guessing would misstate what the customer owes
     */
    public static String format(long amountInMinorUnits, String currency) {
        Currency iso = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT));
        // Funds and metals (XAU...) have no minor unit (-1): their amounts are whole units.
        int digits = Math.max(0, iso.getDefaultFractionDigits());
        BigDecimal major = BigDecimal.valueOf(amountInMinorUnits, digits).abs();
        String number = String.format(Locale.ROOT, "%,." + digits + "f", major);
        String symbol = SYMBOLS.get(iso.getCurrencyCode());
        String formatted = symbol != null ? symbol + number : iso.getCurrencyCode() + " " + number;
        return amountInMinorUnits < 0 ? "-" + formatted : formatted;
    }
}
