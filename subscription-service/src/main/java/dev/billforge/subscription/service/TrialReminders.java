package dev.billforge.subscription.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.EventCatalog;
import dev.billforge.subscription.messaging.SubscriptionEvents;
import dev.billforge.subscription.store.SubscriptionStore;

/**
 * Announces {@code subscription.trial_will_end} once per trialing subscription, {@code notice} before its trial ends
 * (three days, as Stripe does), on the business clock. Subscriptions are claimed with {@code SKIP LOCKED} and marked
 * announced in the transaction that writes the event, so each is announced once however many replicas run.
 */
@ApplicationScoped
public class TrialReminders {

    private static final int BATCH = 100;

    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final Duration notice;

    public TrialReminders(SubscriptionStore subscriptions, Outbox outbox, BusinessClock clock,
            SubscriptionConfig config) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.clock = clock;
        this.notice = config.trialWillEndNotice();
    }

    @Scheduled(every = "${billforge.subscription.trial-reminder-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announceEndingTrials() {
        return clock.inEachScope(this::announceOnce).replaceWithVoid();
    }

    /** One pass over the scope's tenants at its time; returns how many trials were announced. */
    public Uni<Integer> announceOnce(DueScope scope) {
        Instant now = scope.now();
        return Panache.withTransaction(() -> subscriptions.claimTrialsEndingBy(scope, now.plus(notice), BATCH)
                .chain(ending -> Multi.createFrom().iterable(ending)
                        .filter(subscription -> subscription.announceTrialEnding(notice, now))
                        .onItem().transformToUniAndConcatenate(subscription -> outbox.publish(
                                EventCatalog.SUBSCRIPTION_TRIAL_WILL_END, subscription.tenantId(), subscription.id(),
                                SubscriptionEvents.trialWillEnd(subscription)))
                        .collect().asList()
                        .map(announced -> announced.size())));
    }
}
