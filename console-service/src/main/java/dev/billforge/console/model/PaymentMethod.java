package dev.billforge.console.model;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A customer's payment method: the provider's token stays in payment-service; only the card's brand and last 4. */
public record PaymentMethod(@Id @NonNull String id, @NonNull String customerId, @NonNull String provider, Card card,
        @JsonProperty("default") @Name("default") boolean isDefault, Map<String, String> metadata,
        Instant createdAt) {

    public record Card(String brand, String last4) {
    }
}
