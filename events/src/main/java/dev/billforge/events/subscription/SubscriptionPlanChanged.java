package dev.billforge.events.subscription;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.plan_changed} v1: the subscription moved to another plan (in the same currency) at
 * {@code changed_at}. Invoicing bills it as {@code proration_behavior} says:
 * <ul>
 * <li>{@code create_prorations}: the proration lines wait for the subscription's next renewal invoice;</li>
 * <li>{@code always_invoice}: the proration lines are invoiced (finalized, charged) at once;</li>
 * <li>{@code none}: no proration lines; the new price applies from the next period.</li>
 * </ul>
 * When the billing interval changed ({@code new_period}), a new period on the new plan starts at {@code changed_at}
 * (its billing cycle anchor moves there) and is invoiced at once, together with the proration lines.
 *
 * @param subscription the subscription after the change (its plan is the new plan)
 * @param previousPlan the plan it left
 * @param prorationLines credits for the unused time at the price the period was billed at (negative amounts; after a
 *        change with {@code none} that is not {@code previous_plan}'s) and charges for the rest of the period on the
 *        new plan (positive amounts); empty with {@code none} or when nothing is owed either way
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionPlanChanged(SubscriptionSnapshot subscription, PlanSnapshot previousPlan,
        String prorationBehavior, Instant changedAt, boolean newPeriod, List<ProrationLine> prorationLines) {

    public static final String CREATE_PRORATIONS = "create_prorations";
    public static final String ALWAYS_INVOICE = "always_invoice";
    public static final String NONE = "none";

    /**
     * One proration line.
     *
     * @param amount signed, in the currency's minor unit: negative for a credit
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProrationLine(String description, long amount, Instant periodStart, Instant periodEnd) {
    }
}
