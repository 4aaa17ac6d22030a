package dev.billforge.chassis.carddata;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Recognizes card numbers (PANs) where none belongs. Clients must tokenize cards with their payment provider; a PAN
 * reaching us would put the platform in PCI DSS scope, so it is refused before it is stored or logged.
 */
public final class CardNumbers {

    /** Card numbers have 13 to 19 digits (ISO/IEC 7812). */
    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CardNumbers() {
    }

    /**
     * For fields that must hold a provider token: true when {@code text} holds a run of 13 to 19 digits, optionally
     * grouped by spaces or dashes ({@code 4242 4242 4242 4242}), anywhere in it. No Luhn check on purpose: a
     * mistyped PAN is still card data, and no token of a provider looks like that.
     */
    public static boolean containsCardNumber(String text) {
        return anyDigitRun(text, digits -> true);
    }

    /**
     * For free-text fields (names, metadata, descriptions), where long numbers have honest uses: true only for a
     * run that a card scheme could have issued. It must pass the Luhn check and start with 2 to 6 (Mastercard,
     * Amex, Diners, JCB, Visa, Discover, UnionPay, Maestro), which leaves out epoch milliseconds ({@code 17...}) and
     * most order numbers; a UUID, alone or inside a longer id ({@code tenant-<uuid>}), is never taken for a card even
     * when the digits of its groups run together long enough.
     */
    public static boolean containsLikelyCardNumber(String text) {
        if (text == null) {
            return false;
        }
        String withoutUuids = text.indexOf('-') < 0 ? text : UUID_SHAPE.matcher(text).replaceAll(" ");
        return anyDigitRun(withoutUuids, digits -> digits.charAt(0) >= '2' && digits.charAt(0) <= '6' && passesLuhn(digits));
    }

    private static boolean anyDigitRun(String text, Predicate<CharSequence> isCard) {
        if (text == null) {
            return false;
        }
        StringBuilder run = new StringBuilder(MAX_DIGITS + 1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                run.append(c);
                continue;
            }
            boolean groupSeparator = (c == ' ' || c == '-') && !run.isEmpty();
            if (!groupSeparator) {
                if (isCardLength(run) && isCard.test(run)) {
                    return true;
                }
                run.setLength(0);
            }
        }
        return isCardLength(run) && isCard.test(run);
    }

    private static boolean isCardLength(CharSequence digits) {
        return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS;
    }

    static boolean passesLuhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
