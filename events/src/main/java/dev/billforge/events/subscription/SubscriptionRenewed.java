package dev.billforge.events.subscription;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code subscription.renewed} v1: the subscription entered a new paid period on the business clock, to be invoiced
 * in advance at {@code subscription.plan}'s price. Published once per period, in period order: a clock that jumps
 * over several period ends publishes one event per period.
 *
 * @param subscription the subscription as it stood right after this renewal (its current period is this period)
 * @param billingReason {@code subscription_cycle} (a period ended and the next began) or {@code trial_end} (the trial
 *        ended and this is the first paid period)
 * @param periodStart the start of the period to invoice (the previous period's end)
 * @param periodEnd the end of the period to invoice
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionRenewed(SubscriptionSnapshot subscription, String billingReason, Instant periodStart,
        Instant periodEnd) {

    public static final String SUBSCRIPTION_CYCLE = "subscription_cycle";
    public static final String TRIAL_END = "trial_end";
}
