package dev.billforge.payment.provider;

import java.util.UUID;

/** What a provider is told about our customer when it first needs a customer record of its own. */
public record CustomerProfile(UUID customerId, String email, String name) {
}
