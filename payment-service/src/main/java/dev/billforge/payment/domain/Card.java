package dev.billforge.payment.domain;

/** What may be shown of a card: its network and last four digits. Never the number itself. */
public record Card(String brand, String last4) {
}
