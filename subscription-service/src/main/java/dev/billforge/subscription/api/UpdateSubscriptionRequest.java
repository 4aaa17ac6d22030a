package dev.billforge.subscription.api;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.chassis.web.MergePatchReader.MergePatch;
import dev.billforge.subscription.domain.SubscriptionChanges;

/**
 * {@code PATCH /v1/subscriptions/{id}} (merge-patch): {@code cancel_at_period_end} (false withdraws a scheduled end
 * before the period ends) and {@code metadata}, merged key by key. Anything else is an unknown field: the plan
 * changes through {@code change-plan}, the status through cancel, pause and resume.
 */
// Bound by MergePatchReader from a JSON tree, not by a REST method signature: native images need telling.
@RegisterForReflection
public record UpdateSubscriptionRequest(
        Boolean cancelAtPeriodEnd,
        @Metadata(allowRemovals = true) Map<String, String> metadata) {

    static SubscriptionChanges toChanges(MergePatch<UpdateSubscriptionRequest> patch) {
        UpdateSubscriptionRequest values = patch.values();
        if (patch.has("cancel_at_period_end") && values.cancelAtPeriodEnd() == null) {
            throw ApiException.invalidField("cancel_at_period_end", ErrorCode.REQUIRED, "must be true or false");
        }
        return new SubscriptionChanges(values.cancelAtPeriodEnd(), patch.has("metadata") && values.metadata() == null,
                values.metadata());
    }
}
