package dev.billforge.subscription.messaging;

import java.util.List;

import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionCreated;
import dev.billforge.events.subscription.SubscriptionPaused;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionResumed;
import dev.billforge.events.subscription.SubscriptionTrialWillEnd;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.events.subscription.SubscriptionUpdated;
import dev.billforge.subscription.domain.PeriodEnd;
import dev.billforge.subscription.domain.Plan;
import dev.billforge.subscription.domain.PlanChange;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionStatus;

/** Maps subscriptions to the published event records (the contract in the events module). */
public final class SubscriptionEvents {

    private SubscriptionEvents() {
    }

    public static SubscriptionCreated created(Subscription subscription) {
        return new SubscriptionCreated(snapshot(subscription));
    }

    public static SubscriptionUpdated updated(Subscription subscription, SubscriptionStatus previous,
            List<String> changedFields) {
        return new SubscriptionUpdated(snapshot(subscription), previous.wire(), changedFields);
    }

    public static SubscriptionTrialWillEnd trialWillEnd(Subscription subscription) {
        return new SubscriptionTrialWillEnd(snapshot(subscription));
    }

    /** The period the subscription entered at {@code step} (its current period now). */
    public static SubscriptionRenewed renewed(Subscription subscription, PeriodEnd step) {
        String reason = step == PeriodEnd.TRIAL_ENDED ? SubscriptionRenewed.TRIAL_END
                : SubscriptionRenewed.SUBSCRIPTION_CYCLE;
        return new SubscriptionRenewed(snapshot(subscription), reason, subscription.currentPeriodStart(),
                subscription.currentPeriodEnd());
    }

    public static SubscriptionPaused paused(Subscription subscription, SubscriptionStatus previous) {
        return new SubscriptionPaused(snapshot(subscription), previous.wire());
    }

    /** The new period a resumed subscription starts (its current period now). */
    public static SubscriptionResumed resumed(Subscription subscription) {
        return new SubscriptionResumed(snapshot(subscription), subscription.currentPeriodStart(),
                subscription.currentPeriodEnd());
    }

    public static SubscriptionPlanChanged planChanged(Subscription subscription, PlanChange change) {
        return new SubscriptionPlanChanged(snapshot(subscription), plan(change.previous()),
                change.behavior().wire(), change.at(), change.newPeriod(), change.lines().stream()
                        .map(line -> new SubscriptionPlanChanged.ProrationLine(line.description(), line.amount(),
                                line.periodStart(), line.periodEnd()))
                        .toList());
    }

    /** @param reason one of {@link SubscriptionCanceled}'s reasons */
    public static SubscriptionCanceled canceled(Subscription subscription, SubscriptionStatus previous, String reason) {
        return new SubscriptionCanceled(snapshot(subscription), previous.wire(), reason);
    }

    private static PlanSnapshot plan(Plan plan) {
        return new PlanSnapshot(plan.id(), plan.name(), plan.amount(), plan.currency(), plan.interval().wire(),
                plan.intervalCount());
    }

    static SubscriptionSnapshot snapshot(Subscription s) {
        return new SubscriptionSnapshot(s.id(), s.customerId(), plan(s.plan()),
                s.status().wire(), s.currentPeriodStart(), s.currentPeriodEnd(), s.trialStart(), s.trialEnd(),
                s.cancelAtPeriodEnd(), s.canceledAt(), s.endedAt(), s.metadata(), s.createdAt(), s.nextPeriodEnd());
    }
}
