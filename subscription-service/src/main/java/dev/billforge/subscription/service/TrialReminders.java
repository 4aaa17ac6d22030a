package dev.billforge.subscription.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.EventCatalog;
import dev.billforge.subscription.domain.Subscription;
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
                        .map(subscription -> announcementIfDue(subscription, now))
                        .filter(Optional::isPresent)
                        .onItem().transformToUniAndConcatenate(Optional::get)
                        .collect().asList()
                        .map(announced -> announced.size())));
    }

    /**
     * When the subscription's trial ends within the notice at {@code now} and was not announced yet: marks it
     * announced and returns the announcement, to publish in the caller's transaction. The bill run asks too, before
     * it passes a trial end that a clock jumped over together with the reminder.
     */
    Optional<Uni<Void>> announcementIfDue(Subscription subscription, Instant now) {
        if (!subscription.announceTrialEnding(notice, now)) {
            return Optional.empty();
        }
        var event = SubscriptionEvents.trialWillEnd(subscription); // the trial as it is now, before anything moves it
        return Optional.of(Uni.createFrom().deferred(() -> outbox.publish(EventCatalog.SUBSCRIPTION_TRIAL_WILL_END,
                subscription.tenantId(), subscription.id(), event)).replaceWithVoid());
    }
}
