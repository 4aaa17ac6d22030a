package dev.billforge.subscription.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.chassis.web.MergePatchReader.MergePatch;
import dev.billforge.subscription.domain.PlanChanges;

/**
 * {@code PATCH /v1/plans/{id}} (merge-patch): name, description, active and metadata. The price fields are
 * accepted as names only to refuse them with a clear reason instead of "unknown field".
 */
// Bound by MergePatchReader from a JSON tree, not by a REST method signature: native images need telling.
@RegisterForReflection
public record UpdatePlanRequest(
        @Size(min = 1, max = 256) String name,
        @Size(max = 1000) String description,
        Boolean active,
        @Metadata(allowRemovals = true) Map<String, String> metadata,
        Object amount,
        Object currency,
        Object interval,
        Object intervalCount,
        Object trialPeriodDays,
        Object features) {

    private static final Set<String> IMMUTABLE = Set.of("amount", "currency", "interval", "interval_count",
            "trial_period_days", "features");

    static PlanChanges toChanges(MergePatch<UpdatePlanRequest> patch) {
        for (String field : IMMUTABLE) {
            if (patch.has(field)) {
                throw ApiException.invalidField(field, ErrorCode.PLAN_PRICE_IMMUTABLE,
                        "cannot change after the plan is created: a new price is a new plan");
            }
        }
        UpdatePlanRequest values = patch.values();
        if ((patch.has("name") && values.name() == null) || (patch.has("active") && values.active() == null)) {
            throw ApiException.invalidField(patch.has("name") && values.name() == null ? "name" : "active",
                    ErrorCode.REQUIRED, "cannot be removed");
        }
        return new PlanChanges(values.name(),
                patch.has("description") ? Optional.ofNullable(values.description()) : null,
                values.active(), patch.has("metadata") && values.metadata() == null, values.metadata());
    }
}
