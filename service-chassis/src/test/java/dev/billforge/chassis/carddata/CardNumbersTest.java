package dev.billforge.chassis.carddata;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "378282246310005",
            "6011000990139424", "4000056655665556123", "4222222222222", "4242  4242  4242  4242", "4242 - 4242 - 4242 - 4242", "tok_4242424242424242", "pan:5555 5555 5555 4444",
            "4242424242424241" /* fails Luhn: still card data */ })
    void cardNumbersAreRecognized(String token) {
        assertTrue(CardNumbers.containsCardNumber(token), token);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tok_visa", "tok_mastercard", "tok_chargeDeclined", "pm_1NxYz2AbCdEf", "424242424242",
            "42424242424242424242", "1234-56", "", "tok_2026_11_25" })
    void tokensAndOtherDigitsAreNot(String token) {
        assertFalse(CardNumbers.containsCardNumber(token), token);
    }

    @org.junit.jupiter.api.Test
    void nullIsNoCardNumber() {
        assertFalse(CardNumbers.containsCardNumber(null));
        assertFalse(CardNumbers.containsLikelyCardNumber(null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424242", "my card is 4242 4242 4242 4242, thanks", "5555-5555-5555-4444",
            "378282246310005", "6011000990139424", "card:4000056655665556" })
    void freeTextWithASchemeNumberIsCardData(String text) {
        assertTrue(CardNumbers.containsLikelyCardNumber(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424241" /* fails Luhn */, "1764054000000" /* epoch millis */,
            "Order 9000000000000000002", "01234567-8901-2345-6789-012345678901", "+44 20 7946 0958", "Jane Doe",
            "0000000000000000",
            // A UUID inside a longer id: its groups ran together as 2434239938904, which passes Luhn.
            "dunning-24342399-3890-4c16-a3f3-a1f41fbb0573", "tenant 24342399-3890-4c16-a3f3-a1f41fbb0573 and more" })
    void freeTextWithOtherNumbersIsNot(String text) {
        assertFalse(CardNumbers.containsLikelyCardNumber(text), text);
    }
}
