package dev.billforge.payment.domain;

/**
 * A payment method whose customer exists and whose token the provider knows, attached at the provider to
 * {@code providerCustomerId} (null for the simulator), with the card the token stands for: ready to be stored.
 */
public record VerifiedPaymentMethod(NewPaymentMethod details, Card card, String providerCustomerId) {
}
