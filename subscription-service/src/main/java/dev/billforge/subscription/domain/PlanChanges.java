package dev.billforge.subscription.domain;

import java.util.Map;
import java.util.Optional;

/**
 * A PATCH of a plan: only what may change after creation. Each field is null when absent; {@code description}
 * is empty to clear it. Price fields are not here on purpose: a new price is a new plan.
 */
public record PlanChanges(String name, Optional<String> description, Boolean active, boolean clearMetadata,
        Map<String, String> metadataPatch) {
}
