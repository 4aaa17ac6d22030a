package dev.billforge.subscription.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.persistence.UniqueConstraints;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.subscription.domain.Plan;
import dev.billforge.subscription.domain.PlanChange;
import dev.billforge.subscription.domain.ProrationBehavior;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionChanges;
import dev.billforge.subscription.domain.SubscriptionPeriod;
import dev.billforge.subscription.domain.SubscriptionStatus;
import dev.billforge.subscription.messaging.SubscriptionEvents;
import dev.billforge.subscription.store.PlanStore;
import dev.billforge.subscription.store.SubscriptionPeriodStore;
import dev.billforge.subscription.store.SubscriptionStore;

/**
 * Subscription use cases: starting, reading, changing, pausing, resuming and canceling. Each change commits with its event (outbox). How a
 * subscription's status follows its payments is in {@link SubscriptionBilling}.
 */
@ApplicationScoped
public class SubscriptionService {
    private static final String LIVE_UNIQUE_INDEX = "subscription_live_per_customer_plan_uq";

    private final SubscriptionStore subscriptions;
    private final PlanStore plans;
    private final SubscriptionPeriodStore periods;
    private final Outbox outbox;
    private final BusinessClock clock;

    public SubscriptionService(SubscriptionStore subscriptions, PlanStore plans, SubscriptionPeriodStore periods,
            Outbox outbox, BusinessClock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.periods = periods;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Subscribes a customer (known to exist: the caller checked the customer directory) to an active plan.
     *
     * @param trialDays overrides the plan's trial when not null; 0 means no trial
     */
    @BillingOperation("create_subscription")
    public Uni<Subscription> create(String tenantId, UUID customerId, UUID planId, Integer trialDays,
            Map<String, String> metadata) {
        return Panache.withTransaction(() -> activePlan(tenantId, planId)
                .call(plan -> subscriptions.holdsLive(tenantId, customerId, planId).invoke(holds -> {
                    if (holds) {
                        throw alreadySubscribed(customerId, planId);
                    }
                }))
                .map(plan -> Subscription.start(TimeOrderedIds.next(), tenantId, customerId, plan,
                        trialDays != null ? trialDays : plan.trialPeriodDays(), metadata, clock.now(tenantId)))
                .call(subscription -> subscriptions.persistAndFlush(subscription))
                .call(subscription -> periods.record(List.of(SubscriptionPeriod.first(subscription)),
                        subscription.createdAt()))
                .call(subscription -> outbox.publish(EventCatalog.SUBSCRIPTION_CREATED, tenantId, subscription.id(),
                        SubscriptionEvents.created(subscription))))
                // Two concurrent requests both passed the check: the partial unique index refused the second.
                .onFailure(UniqueConstraints.named(LIVE_UNIQUE_INDEX))
                .transform(e -> alreadySubscribed(customerId, planId));
    }

    @WithSession
    public Uni<Subscription> get(String tenantId, UUID id) {
        return existing(tenantId, id);
    }

    @WithSession
    public Uni<Page<Subscription>> list(String tenantId, List<UUID> customerIds, SubscriptionStatus status,
            PageRequest page) {
        return page.cursor(id -> subscriptions.find(tenantId, id), "subscription")
                .flatMap(after -> subscriptions.page(tenantId, customerIds, status, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    /**
     * Cancels now ({@code subscription.canceled}) or at the end of the current period ({@code subscription.updated};
     * the bill run ends it then). Scheduling an end that is already scheduled changes nothing and publishes nothing.
     */
    @WithTransaction
    @BillingOperation("cancel_subscription")
    public Uni<Subscription> cancel(String tenantId, UUID id, boolean atPeriodEnd) {
        return existing(tenantId, id).call(subscription -> {
            if (subscription.status() == SubscriptionStatus.CANCELED) {
                return Uni.createFrom().failure(canceledAlready(id));
            }
            SubscriptionStatus previous = subscription.status();
            if (atPeriodEnd) {
                return subscription.cancelAtPeriodEnd(clock.now(tenantId))
                        ? outbox.publish(EventCatalog.SUBSCRIPTION_UPDATED, tenantId, id,
                                SubscriptionEvents.updated(subscription, previous, List.of("cancel_at_period_end")))
                        : Uni.createFrom().voidItem();
            }
            subscription.cancelNow(clock.now(tenantId));
            return outbox.publish(EventCatalog.SUBSCRIPTION_CANCELED, tenantId, id,
                    SubscriptionEvents.canceled(subscription, previous,
                            SubscriptionCanceled.CANCELLATION_REQUESTED));
        });
    }

    /**
     * Applies a merge-patch: {@code cancel_at_period_end} (true schedules the end, false withdraws it before the
     * boundary) and {@code metadata}. Announces {@code subscription.updated} with the fields that changed; a patch
     * that changes nothing announces nothing.
     */
    @WithTransaction
    public Uni<Subscription> update(String tenantId, UUID id, SubscriptionChanges changes) {
        return existing(tenantId, id).call(subscription -> {
            if (changes.cancelAtPeriodEnd() != null && subscription.status() == SubscriptionStatus.CANCELED) {
                return Uni.createFrom().failure(canceledAlready(id));
            }
            SubscriptionStatus previous = subscription.status();
            Instant now = clock.now(tenantId);
            List<String> changed = new ArrayList<>();
            if (changes.cancelAtPeriodEnd() != null
                    && subscription.setCancelAtPeriodEnd(changes.cancelAtPeriodEnd(), now)) {
                changed.add("cancel_at_period_end");
            }
            if (subscription.mergeMetadata(changes.clearMetadata(), changes.metadataPatch(), now)) {
                changed.add("metadata");
            }
            return changed.isEmpty() ? Uni.createFrom().voidItem()
                    : outbox.publish(EventCatalog.SUBSCRIPTION_UPDATED, tenantId, id,
                            SubscriptionEvents.updated(subscription, previous, changed));
        });
    }

    /** Pauses a live subscription ({@code subscription.paused}): no renewals, no payment retries until resumed. */
    @WithTransaction
    @BillingOperation("pause_subscription")
    public Uni<Subscription> pause(String tenantId, UUID id) {
        return existing(tenantId, id).call(subscription -> {
            SubscriptionStatus previous = subscription.status();
            if (previous == SubscriptionStatus.CANCELED) {
                return Uni.createFrom().failure(canceledAlready(id));
            }
            if (previous == SubscriptionStatus.PAUSED) {
                return Uni.createFrom().failure(ApiException.of(ErrorCode.SUBSCRIPTION_PAUSED, "Subscription " + id
                        + " is paused already."));
            }
            subscription.pause(clock.now(tenantId));
            return outbox.publish(EventCatalog.SUBSCRIPTION_PAUSED, tenantId, id,
                    SubscriptionEvents.paused(subscription, previous));
        });
    }

    /**
     * Resumes a paused subscription ({@code subscription.resumed}): active, with a new period starting now that
     * invoicing invoices (and payment-service charges) at once.
     */
    @WithTransaction
    @BillingOperation("resume_subscription")
    public Uni<Subscription> resume(String tenantId, UUID id) {
        return existing(tenantId, id).call(subscription -> {
            if (subscription.status() == SubscriptionStatus.CANCELED) {
                return Uni.createFrom().failure(canceledAlready(id));
            }
            if (subscription.status() != SubscriptionStatus.PAUSED) {
                return Uni.createFrom().failure(ApiException.of(ErrorCode.SUBSCRIPTION_NOT_PAUSED,
                        "Subscription " + id + " is "
                        + subscription.status().wire() + ", not paused."));
            }
            subscription.resume(clock.now(tenantId));
            return periods.record(List.of(SubscriptionPeriod.resumed(subscription)), subscription.updatedAt())
                    .chain(() -> outbox.publish(EventCatalog.SUBSCRIPTION_RESUMED, tenantId, id,
                            SubscriptionEvents.resumed(subscription)));
        });
    }

    /**
     * Moves the subscription to another active plan in the same currency ({@code subscription.plan_changed}), billed
     * as {@code behavior} says (see {@link Subscription#changePlan}). A change of interval starts a new period now,
     * recorded in the period ledger. 409 when canceled, paused, already on that plan, or when the customer holds the
     * new plan through another live subscription; 400 {@code currency_mismatch}.
     */
    @BillingOperation("change_plan")
    public Uni<Subscription> changePlan(String tenantId, UUID id, UUID planId, ProrationBehavior behavior) {
        return Panache.withTransaction(() -> existing(tenantId, id)
                .flatMap(subscription -> changeablePlan(tenantId, subscription, planId).flatMap(next -> {
                    PlanChange change = subscription.changePlan(next, behavior, clock.now(tenantId));
                    return subscriptions.flush() // the live-per-customer-and-plan index speaks here, as a 409
                            .chain(() -> change.newPeriod()
                                    ? periods.record(List.of(SubscriptionPeriod.planChanged(subscription)),
                                            subscription.updatedAt())
                                    : Uni.createFrom().voidItem())
                            .chain(() -> outbox.publish(EventCatalog.SUBSCRIPTION_PLAN_CHANGED, tenantId, id,
                                    SubscriptionEvents.planChanged(subscription, change)))
                            .replaceWith(subscription);
                })))
                .onFailure(UniqueConstraints.named(LIVE_UNIQUE_INDEX))
                .transform(e -> ApiException.of(ErrorCode.SUBSCRIPTION_ACTIVE, "The customer already has a live"
                        + " subscription to plan " + planId + "."));
    }

    /**
     * What {@link #changePlan} would bill now, with nothing changed or published: refused as the change would be
     * (except that a customer already holding the new plan through another subscription is found only by the change
     * itself). {@code planId} is read once the subscription is found, so that another tenant's subscription is
     * "not found" whatever else is wrong with the request.
     */
    public Uni<PlanChange> previewPlanChange(String tenantId, UUID id, Supplier<UUID> planId,
            ProrationBehavior behavior) {
        return Panache.withSession(() -> existing(tenantId, id)
                .flatMap(subscription -> changeablePlan(tenantId, subscription, planId.get())
                        .map(next -> subscription.previewPlanChange(next, behavior, clock.now(tenantId)))));
    }

    /** The active plan {@code planId}, if the subscription may move to it: 409 when canceled, paused or on it. */
    private Uni<Plan> changeablePlan(String tenantId, Subscription subscription, UUID planId) {
        UUID id = subscription.id();
        return activePlan(tenantId, planId).map(next -> {
            SubscriptionStatus status = subscription.status();
            if (status == SubscriptionStatus.CANCELED) {
                throw canceledAlready(id);
            }
            if (status == SubscriptionStatus.PAUSED) {
                throw ApiException.of(ErrorCode.SUBSCRIPTION_PAUSED, "Subscription " + id
                        + " is paused: resume it before changing its plan.");
            }
            if (next.id().equals(subscription.plan().id())) {
                throw ApiException.of(ErrorCode.PLAN_UNCHANGED, "Subscription " + id + " is on plan " + planId
                        + " already.");
            }
            if (!next.currency().equals(subscription.plan().currency())) {
                throw ApiException.of(ErrorCode.CURRENCY_MISMATCH, "Plan " + planId + " is priced in "
                        + next.currency() + "; the subscription bills in " + subscription.plan().currency()
                        + ". Start a new subscription to change currency.");
            }
            return next;
        });
    }

    private static ApiException canceledAlready(UUID id) {
        return ApiException.of(ErrorCode.SUBSCRIPTION_CANCELED, "Subscription " + id + " is canceled.");
    }

    private Uni<Plan> activePlan(String tenantId, UUID planId) {
        return plans.find(tenantId, planId).map(plan -> {
            if (plan == null || !plan.active()) {
                throw ApiException.of(ErrorCode.PLAN_NOT_FOUND,
                        "No active plan " + planId + (plan == null ? "." : ": it is inactive."));
            }
            return plan;
        });
    }

    private Uni<Subscription> existing(String tenantId, UUID id) {
        return subscriptions.find(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.SUBSCRIPTION_NOT_FOUND, "subscription", id));
    }

    private static ApiException alreadySubscribed(UUID customerId, UUID planId) {
        return ApiException.of(ErrorCode.SUBSCRIPTION_ACTIVE,
                "Customer " + customerId + " already has a live subscription to plan " + planId + ".");
    }
}
