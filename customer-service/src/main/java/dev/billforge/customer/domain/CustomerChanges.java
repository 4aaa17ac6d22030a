package dev.billforge.customer.domain;

import java.util.Map;
import java.util.Optional;

/**
 * A partial update with merge-patch meaning: a {@code null} field is "leave as it is"; {@code Optional.empty()} is
 * "clear it"; a value replaces. {@code metadataPatch} is merged key by key, a {@code null} value removing its key;
 * {@code clearMetadata} removes all keys first.
 */
public record CustomerChanges(
        String billingEmail,
        Optional<String> name,
        Optional<String> userId,
        Optional<String> defaultPaymentMethodId,
        Optional<Address> address,
        Optional<String> taxCountry,
        boolean clearMetadata,
        Map<String, String> metadataPatch) {
}
