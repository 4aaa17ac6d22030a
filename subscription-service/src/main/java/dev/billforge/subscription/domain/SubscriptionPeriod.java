package dev.billforge.subscription.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One period a subscription entered, as recorded in the {@code subscription_period} ledger, whose constraints make
 * each period exactly once (never twice, never skipped) a database rule.
 *
 * @param followsPeriodEnd the end of the period this one follows (equal to {@code start}); null for a first period
 * @param billingReason {@code first_period}, {@code trial}, {@code trial_end}, {@code subscription_cycle} or
 *        {@code resume} or {@code plan_change} (a new interval started a new period)
 */
public record SubscriptionPeriod(String tenantId, UUID subscriptionId, Instant start, Instant end,
        Instant followsPeriodEnd, String billingReason) {

    public static final String FIRST_PERIOD = "first_period";
    public static final String TRIAL = "trial";
    public static final String TRIAL_END = "trial_end";
    public static final String SUBSCRIPTION_CYCLE = "subscription_cycle";
    public static final String RESUME = "resume";
    public static final String PLAN_CHANGE = "plan_change";

    /** The period a new subscription starts in: its trial, or its first paid period. */
    public static SubscriptionPeriod first(Subscription subscription) {
        return new SubscriptionPeriod(subscription.tenantId(), subscription.id(), subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(), null,
                subscription.status() == SubscriptionStatus.TRIALING ? TRIAL : FIRST_PERIOD);
    }

    /** The period a resumed subscription starts at the resume instant (it follows none: the pause is a gap). */
    public static SubscriptionPeriod resumed(Subscription subscription) {
        return new SubscriptionPeriod(subscription.tenantId(), subscription.id(), subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(), null, RESUME);
    }

    /** The new period a change of billing interval starts (it follows none: the old period was cut short). */
    public static SubscriptionPeriod planChanged(Subscription subscription) {
        return new SubscriptionPeriod(subscription.tenantId(), subscription.id(), subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(), null, PLAN_CHANGE);
    }

    /** The period {@code subscription} entered at {@code step}, which followed the one ending at its start. */
    public static SubscriptionPeriod entered(Subscription subscription, PeriodEnd step) {
        if (!step.startedPeriod()) {
            throw new IllegalArgumentException("No period begins at " + step);
        }
        return new SubscriptionPeriod(subscription.tenantId(), subscription.id(), subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(), subscription.currentPeriodStart(),
                step == PeriodEnd.TRIAL_ENDED ? TRIAL_END : SUBSCRIPTION_CYCLE);
    }
}
