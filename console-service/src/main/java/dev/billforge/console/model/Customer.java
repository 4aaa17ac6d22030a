package dev.billforge.console.model;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A tenant's customer (customer-service). Its subscriptions, invoices, payment methods and balance are fields. */
public record Customer(@Id @NonNull String id, @NonNull String billingEmail, String name, String userId,
        String defaultPaymentMethodId, Address address, String taxCountry, Map<String, String> metadata,
        Instant createdAt, Instant updatedAt) {
}
