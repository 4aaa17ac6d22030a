package dev.billforge.events.customer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The customer as it stands after the change the event announces. Amount-free: customers hold no money. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomerSnapshot(
        UUID id,
        String billingEmail,
        String name,
        String userId,
        String defaultPaymentMethodId,
        PostalAddress address,
        String taxCountry,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {
}
