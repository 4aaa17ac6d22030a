package dev.billforge.payment.provider.simulator;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.billforge.payment.domain.Card;
import dev.billforge.payment.provider.ChargeRequest;

/** The simulator's test tokens behave like Stripe's (plain unit test, no Quarkus). */
class SimulatorCardTest {

    @Test
    void successfulCards() {
        assertEquals(new Card("visa", "4242"), SimulatorCard.byToken("tok_visa").orElseThrow().card());
        assertEquals(new Card("mastercard", "4444"), SimulatorCard.byToken("tok_mastercard").orElseThrow().card());
        assertFalse(SimulatorCard.VISA.declines());
        assertNull(SimulatorCard.MASTERCARD.declineCode());
    }

    @Test
    void decliningCards() {
        SimulatorCard declined = SimulatorCard.byToken("tok_chargeDeclined").orElseThrow();
        assertTrue(declined.declines());
        assertEquals(new Card("visa", "0002"), declined.card());
        assertEquals("card_declined", declined.declineCode());
        assertEquals("Your card was declined.", declined.declineMessage());

        SimulatorCard broke = SimulatorCard.byToken("tok_insufficientFunds").orElseThrow();
        assertEquals(new Card("visa", "9995"), broke.card());
        assertEquals("insufficient_funds", broke.declineCode());
        assertEquals("Your card has insufficient funds.", broke.declineMessage());
        assertEquals("Your card has insufficient funds.", SimulatorCard.messageFor("insufficient_funds"));
    }

    @Test
    void otherTokensAreUnknown() {
        assertTrue(SimulatorCard.byToken("tok_amex").isEmpty());
        assertTrue(SimulatorCard.byToken("TOK_VISA").isEmpty());
        assertTrue(SimulatorCard.byToken("4242424242424242").isEmpty());
    }

    @Test
    void aChargeRequestNeverPrintsItsToken() {
        assertFalse(new ChargeRequest(UUID.randomUUID(), UUID.randomUUID(), "cus_1", "tok_visa", 100, "USD", "k", "d", false).toString().contains("tok_visa"));
    }
}
