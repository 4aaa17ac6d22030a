package dev.billforge.payment.domain;

/**
 * A payment method whose customer exists and whose token the provider knows, with the card the token stands for:
 * ready to be stored.
 */
public record VerifiedPaymentMethod(NewPaymentMethod details, Card card) {
}
