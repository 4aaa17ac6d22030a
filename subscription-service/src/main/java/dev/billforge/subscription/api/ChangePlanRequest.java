package dev.billforge.subscription.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import dev.billforge.subscription.domain.ProrationBehavior;

/**
 * {@code POST /v1/subscriptions/{id}/change-plan}: the plan to move to, and how to bill the change
 * ({@code create_prorations}, the default; {@code always_invoice}; {@code none}).
 */
public record ChangePlanRequest(
        @NotBlank String planId,
        @Pattern(regexp = "create_prorations|always_invoice|none",
                message = "must be create_prorations, always_invoice or none") String prorationBehavior) {

    ProrationBehavior behavior() {
        return prorationBehavior == null ? ProrationBehavior.CREATE_PRORATIONS
                : ProrationBehavior.fromWire(prorationBehavior).orElseThrow();
    }
}
