package dev.billforge.payment.domain;

/**
 * Recognizes card numbers (PANs) where only a provider token belongs. Clients must tokenize cards with the
 * provider; a PAN reaching us would put us in PCI DSS scope, so it is refused before it is stored or logged.
 */
public final class CardNumbers {

    /** Card numbers have 13 to 19 digits (ISO/IEC 7812). */
    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    private CardNumbers() {
    }

    /**
     * True when {@code text} holds a run of 13 to 19 digits, optionally grouped by spaces or dashes
     * ({@code 4242 4242 4242 4242}, {@code 4242-4242-4242-4242}), anywhere in it. No Luhn check on purpose: a
     * mistyped PAN is still card data.
     */
    public static boolean containsCardNumber(String text) {
        if (text == null) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                continue;
            }
            boolean groupSeparator = (c == ' ' || c == '-') && digits > 0;
            if (!groupSeparator) {
                if (isCardLength(digits)) {
                    return true;
                }
                digits = 0;
            }
        }
        return isCardLength(digits);
    }

    private static boolean isCardLength(int digits) {
        return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
    }
}
