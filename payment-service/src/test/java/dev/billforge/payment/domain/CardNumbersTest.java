package dev.billforge.payment.domain;

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
    }
}
