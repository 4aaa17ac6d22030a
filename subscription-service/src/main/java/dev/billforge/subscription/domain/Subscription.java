package dev.billforge.subscription.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.billforge.chassis.domain.MetadataMerge;
import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.chassis.persistence.MetadataColumn;

/**
 * A customer's subscription to a plan. Its status follows what happens to its invoices' payments (see
 * {@link SubscriptionStatus}); {@code last_payment_event_at} is the time of the payment fact that set the status,
 * so a payment event that arrives late (Kafka orders events per topic, not across topics) cannot undo a newer one.
 * Payment facts are compared only with each other: they all carry payment-service's clock, never this service's.
 * The {@code version} column makes a cancellation and a concurrent payment outcome conflict instead of
 * overwriting each other (the loser retries on the new state).
 */
@Entity
@Table(name = "subscription")
public class Subscription implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "plan_id", nullable = false)
    private Plan plan;
    /**
     * The plan whose price the current period was billed at. It differs from {@code plan} only after a change with
     * {@code proration_behavior=none}, until the period ends: a later change in the same period must credit the unused
     * time at the price the customer paid, not at a price never billed.
     */
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "period_plan_id", nullable = false)
    private Plan periodPlan;
    @Convert(converter = SubscriptionStatus.Column.class)
    @Column(nullable = false)
    private SubscriptionStatus status;
    @Column(name = "last_payment_event_at")
    private Instant lastPaymentEventAt;
    @Version
    private long version;
    @Column(name = "current_period_start", nullable = false)
    private Instant currentPeriodStart;
    @Column(name = "current_period_end", nullable = false)
    private Instant currentPeriodEnd;
    /** Where the billing cycle's boundaries are counted from: the start of the first paid period. */
    @Column(name = "billing_cycle_anchor", nullable = false)
    private Instant billingCycleAnchor;
    @Column(name = "trial_start")
    private Instant trialStart;
    @Column(name = "trial_end")
    private Instant trialEnd;
    @Column(name = "trial_will_end_announced_at")
    private Instant trialWillEndAnnouncedAt;
    @Column(name = "cancel_at_period_end", nullable = false)
    private boolean cancelAtPeriodEnd;
    @Column(name = "paused_at")
    private Instant pausedAt;
    @Column(name = "canceled_at")
    private Instant canceledAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Convert(converter = MetadataColumn.class)
    @Column(nullable = false)
    private Map<String, String> metadata = new TreeMap<>();
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Subscription() {
        // for Hibernate
    }

    /**
     * Starts a subscription now. With a trial ({@code trialDays > 0}) the first period is the trial and nothing is
     * billed; otherwise the first period is one plan interval and is invoiced at once.
     */
    public static Subscription start(UUID id, String tenantId, UUID customerId, Plan plan, int trialDays,
            Map<String, String> metadata, Instant now) {
        Subscription subscription = new Subscription();
        subscription.id = id;
        subscription.tenantId = tenantId;
        subscription.customerId = customerId;
        subscription.plan = plan;
        subscription.periodPlan = plan;
        subscription.currentPeriodStart = now;
        if (trialDays > 0) {
            subscription.status = SubscriptionStatus.TRIALING;
            subscription.trialStart = now;
            subscription.trialEnd = now.plus(Duration.ofDays(trialDays));
            subscription.currentPeriodEnd = subscription.trialEnd;
        } else {
            subscription.status = SubscriptionStatus.INCOMPLETE;
            subscription.currentPeriodEnd = plan.interval().periodEnd(now, plan.intervalCount());
        }
        subscription.billingCycleAnchor = subscription.trialEnd != null ? subscription.trialEnd : now;
        subscription.metadata = new TreeMap<>(metadata == null ? Map.of() : metadata);
        subscription.createdAt = now;
        subscription.updatedAt = now;
        return subscription;
    }

    /**
     * The bill run's step: when the current period has ended by {@code now}, the subscription ends there (when set to
     * cancel at the period end), leaves its trial for its first paid period (status {@code active}; a failed payment
     * makes it {@code past_due}), or renews for the next period of its billing cycle ({@code active} and
     * {@code past_due} only: {@code incomplete}, {@code unpaid}, {@code paused} and {@code canceled} do not renew).
     * One call passes one period end; the bill run calls again while periods keep ending, so a clock that jumped over
     * several boundaries renews each period in order.
     */
    public PeriodEnd passPeriodEnd(Instant now) {
        if (status == SubscriptionStatus.CANCELED || currentPeriodEnd.isAfter(now)) {
            return PeriodEnd.NONE;
        }
        Instant boundary = currentPeriodEnd;
        if (cancelAtPeriodEnd) {
            status = SubscriptionStatus.CANCELED;
            endedAt = boundary;
            if (canceledAt == null) {
                canceledAt = boundary;
            }
            updatedAt = now;
            return PeriodEnd.ENDED;
        }
        PeriodEnd step;
        if (status == SubscriptionStatus.TRIALING) {
            status = SubscriptionStatus.ACTIVE;
            billingCycleAnchor = boundary;
            step = PeriodEnd.TRIAL_ENDED;
        } else if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.PAST_DUE) {
            step = PeriodEnd.RENEWED;
        } else {
            return PeriodEnd.NONE;
        }
        currentPeriodStart = boundary;
        currentPeriodEnd = plan.interval().nextBoundaryAfter(billingCycleAnchor, plan.intervalCount(), boundary);
        periodPlan = plan;
        updatedAt = now;
        return step;
    }

    /**
     * An invoice of this subscription was paid at {@code paidAt}: it is (again) in good standing. An invoice that had
     * nothing due settles no debt, so it only makes an incomplete subscription (a free first period) active.
     */
    public boolean invoicePaid(Instant paidAt, boolean nothingWasDue, Instant now) {
        if (nothingWasDue) {
            return moveTo(SubscriptionStatus.ACTIVE, paidAt, now, SubscriptionStatus.INCOMPLETE);
        }
        return moveTo(SubscriptionStatus.ACTIVE, paidAt, now, SubscriptionStatus.INCOMPLETE, SubscriptionStatus.PAST_DUE,
                SubscriptionStatus.UNPAID);
    }

    /**
     * The trial ends within {@code notice} of {@code now}: the customer should hear of it, once.
     *
     * @return true when it is time to announce it (and it is now marked announced)
     */
    public boolean announceTrialEnding(Duration notice, Instant now) {
        if (status != SubscriptionStatus.TRIALING || trialEnd == null || trialWillEndAnnouncedAt != null
                || trialEnd.isAfter(now.plus(notice))) {
            return false;
        }
        trialWillEndAnnouncedAt = now;
        updatedAt = now;
        return true;
    }

    /** Dunning gave up on one of its invoices at {@code exhaustedAt}, and the tenant keeps such subscriptions. */
    public boolean dunningExhausted(Instant exhaustedAt, Instant now) {
        return moveTo(SubscriptionStatus.UNPAID, exhaustedAt, now, SubscriptionStatus.INCOMPLETE,
                SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE);
    }

    /** A payment for one of its invoices failed at {@code failedAt}. */
    public boolean paymentFailed(Instant failedAt, Instant now) {
        return moveTo(SubscriptionStatus.PAST_DUE, failedAt, now, SubscriptionStatus.INCOMPLETE, SubscriptionStatus.ACTIVE);
    }

    /**
     * Dunning gave up on one of its invoices at {@code exhaustedAt} and the tenant cancels such subscriptions: ends
     * it now, unless it is not in a billing status dunning applies to (trialing, canceled) or a newer payment fact
     * (a paid invoice) came first.
     *
     * @return true when it was canceled
     */
    public boolean cancelForNonPayment(Instant exhaustedAt, Instant now) {
        boolean billable = status == SubscriptionStatus.INCOMPLETE || status == SubscriptionStatus.ACTIVE
                || status == SubscriptionStatus.PAST_DUE || status == SubscriptionStatus.UNPAID;
        if (!billable || (lastPaymentEventAt != null && exhaustedAt.isBefore(lastPaymentEventAt))) {
            return false;
        }
        lastPaymentEventAt = exhaustedAt;
        cancelNow(now);
        return true;
    }

    /**
     * Pauses a live subscription: it no longer renews, and payment-service stops retrying its invoices.
     *
     * @throws IllegalStateException when it is canceled or paused already (the caller checked and answers 409)
     */
    public void pause(Instant now) {
        if (status == SubscriptionStatus.CANCELED || status == SubscriptionStatus.PAUSED) {
            throw new IllegalStateException("Cannot pause a " + status.wire() + " subscription");
        }
        status = SubscriptionStatus.PAUSED;
        pausedAt = now;
        updatedAt = now;
    }

    /**
     * Resumes a paused subscription: {@code active}, with a new period of its plan starting now, to be invoiced at
     * once; the billing cycle anchor moves to now (Stripe's {@code billing_cycle_anchor=now} on resume).
     *
     * @throws IllegalStateException when it is not paused (the caller checked and answers 409)
     */
    public void resume(Instant now) {
        if (status != SubscriptionStatus.PAUSED) {
            throw new IllegalStateException("Cannot resume a " + status.wire() + " subscription");
        }
        status = SubscriptionStatus.ACTIVE;
        pausedAt = null;
        billingCycleAnchor = now;
        currentPeriodStart = now;
        currentPeriodEnd = plan.interval().periodEnd(now, plan.intervalCount());
        periodPlan = plan;
        updatedAt = now;
    }

    /**
     * Moves the subscription to {@code next} (same currency, checked by the caller) at {@code now}. A trialing
     * subscription just changes plan (nothing was billed; its first paid period will be on the new plan). Otherwise
     * the unused time on the old plan is credited and, for the same billing interval, the rest of the period on the
     * new plan charged ({@link ProrationBehavior#NONE}: neither, the new price applies from the next period); when the
     * interval changed, a new period on the new plan starts now, anchored there, to be invoiced at once. The credit is
     * at the price the period was billed at ({@link #periodPlan}), which a change with {@code none} left as it was.
     *
     * @throws IllegalStateException when it is canceled or paused (the caller checked and answers 409)
     */
    public PlanChange changePlan(Plan next, ProrationBehavior behavior, Instant now) {
        PlanChange change = previewPlanChange(next, behavior, now);
        plan = next;
        updatedAt = now;
        if (status == SubscriptionStatus.TRIALING) {
            periodPlan = next; // nothing was billed; the first paid period will be on the new plan
            return change;
        }
        if (change.newPeriod() || behavior != ProrationBehavior.NONE) {
            periodPlan = next; // the rest of the period (or the new one) is billed on the new plan
        }
        if (change.newPeriod()) {
            billingCycleAnchor = now;
            currentPeriodStart = now;
            currentPeriodEnd = next.interval().periodEnd(now, next.intervalCount());
        }
        return change;
    }

    /**
     * What {@link #changePlan} would bill at {@code now}, changing nothing: the upcoming-invoice preview of a plan
     * change, which people see before they confirm it.
     *
     * @throws IllegalStateException when it is canceled or paused (the caller checked and answers 409)
     */
    public PlanChange previewPlanChange(Plan next, ProrationBehavior behavior, Instant now) {
        if (status == SubscriptionStatus.CANCELED || status == SubscriptionStatus.PAUSED) {
            throw new IllegalStateException("Cannot change the plan of a " + status.wire() + " subscription");
        }
        if (status == SubscriptionStatus.TRIALING) {
            return new PlanChange(plan, next, behavior, now, false, java.util.List.of());
        }
        boolean newPeriod = plan.interval() != next.interval() || plan.intervalCount() != next.intervalCount();
        // The credit is at the price the period was billed at (periodPlan), which a change with none left as it was.
        return new PlanChange(plan, next, behavior, now, newPeriod,
                PlanChange.prorate(periodPlan, next, behavior, currentPeriodStart, currentPeriodEnd, now, newPeriod));
    }

    /**
     * Withdraws (false) or schedules (true) the end at the period end.
     *
     * @return whether it changed
     */
    public boolean setCancelAtPeriodEnd(boolean cancel, Instant now) {
        if (cancelAtPeriodEnd == cancel) {
            return false;
        }
        cancelAtPeriodEnd = cancel;
        updatedAt = now;
        return true;
    }

    /**
     * Merges a metadata patch (see {@link MetadataMerge}).
     *
     * @return whether the metadata changed
     */
    public boolean mergeMetadata(boolean clear, Map<String, String> patch, Instant now) {
        Map<String, String> merged = MetadataMerge.merge(metadata, clear, patch);
        if (merged.equals(metadata)) {
            return false;
        }
        metadata = new TreeMap<>(merged);
        updatedAt = now;
        return true;
    }

    /** Schedules the end for the end of the current period; false when it was scheduled already. */
    public boolean cancelAtPeriodEnd(Instant now) {
        return setCancelAtPeriodEnd(true, now);
    }

    /** Ends the subscription now. */
    public void cancelNow(Instant now) {
        status = SubscriptionStatus.CANCELED;
        cancelAtPeriodEnd = false;
        canceledAt = now;
        endedAt = now;
        updatedAt = now;
    }

    private boolean moveTo(SubscriptionStatus next, Instant factTime, Instant now, SubscriptionStatus... from) {
        boolean applicable = java.util.Arrays.asList(from).contains(status);
        if (!applicable || (lastPaymentEventAt != null && factTime.isBefore(lastPaymentEventAt))) {
            return false;
        }
        status = next;
        lastPaymentEventAt = factTime;
        updatedAt = now;
        return true;
    }

    public boolean live() {
        return SubscriptionStatus.LIVE.contains(status);
    }

    public UUID id() {
        return id;
    }

    /** The row version this copy was read at (see the class comment). */
    public long version() {
        return version;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID customerId() {
        return customerId;
    }

    public Plan plan() {
        return plan;
    }

    public SubscriptionStatus status() {
        return status;
    }

    public Instant currentPeriodStart() {
        return currentPeriodStart;
    }

    public Instant currentPeriodEnd() {
        return currentPeriodEnd;
    }

    /**
     * Where the period after the current one ends, should the subscription renew: by its billing cycle, or for a trial
     * from the trial's end (where its first paid period is anchored); null once it is canceled.
     */
    public Instant nextPeriodEnd() {
        if (status == SubscriptionStatus.CANCELED) {
            return null;
        }
        Instant anchor = status == SubscriptionStatus.TRIALING ? currentPeriodEnd : billingCycleAnchor;
        return plan.interval().nextBoundaryAfter(anchor, plan.intervalCount(), currentPeriodEnd);
    }

    public Instant billingCycleAnchor() {
        return billingCycleAnchor;
    }

    public Instant trialStart() {
        return trialStart;
    }

    public Instant trialEnd() {
        return trialEnd;
    }

    public boolean cancelAtPeriodEnd() {
        return cancelAtPeriodEnd;
    }

    public Instant pausedAt() {
        return pausedAt;
    }

    /** The plan whose price the current period was billed at (see {@code periodPlan}). */
    public Plan periodPlan() {
        return periodPlan;
    }

    /** When {@code subscription.trial_will_end} was announced, or null. */
    public Instant trialWillEndAnnouncedAt() {
        return trialWillEndAnnouncedAt;
    }

    public Instant canceledAt() {
        return canceledAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
