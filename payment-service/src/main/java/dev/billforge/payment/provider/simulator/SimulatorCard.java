package dev.billforge.payment.provider.simulator;

import java.util.Arrays;
import java.util.Optional;

import dev.billforge.payment.domain.Card;

/**
 * The test tokens the simulator knows, named and behaving like Stripe's test tokens, so tests and demos can produce
 * every outcome on purpose. Any other token is unknown to the simulator.
 */
public enum SimulatorCard {
    VISA("tok_visa", "visa", "4242", null, null),
    MASTERCARD("tok_mastercard", "mastercard", "4444", null, null),
    CHARGE_DECLINED("tok_chargeDeclined", "visa", "0002", "card_declined", "Your card was declined."),
    INSUFFICIENT_FUNDS("tok_insufficientFunds", "visa", "9995", "insufficient_funds",
            "Your card has insufficient funds.");

    private final String token;
    private final Card card;
    private final String declineCode;
    private final String declineMessage;

    SimulatorCard(String token, String brand, String last4, String declineCode, String declineMessage) {
        this.token = token;
        this.card = new Card(brand, last4);
        this.declineCode = declineCode;
        this.declineMessage = declineMessage;
    }

    public static Optional<SimulatorCard> byToken(String token) {
        return Arrays.stream(values()).filter(card -> card.token.equals(token)).findFirst();
    }

    /** The customer-facing message for a decline code this simulator produces. */
    public static String messageFor(String declineCode) {
        return Arrays.stream(values()).filter(card -> declineCode.equals(card.declineCode)).findFirst()
                .map(card -> card.declineMessage).orElse("Your card was declined.");
    }

    public String token() {
        return token;
    }

    public Card card() {
        return card;
    }

    public boolean declines() {
        return declineCode != null;
    }

    /** Null for a card that is charged successfully. */
    public String declineCode() {
        return declineCode;
    }

    public String declineMessage() {
        return declineMessage;
    }
}
