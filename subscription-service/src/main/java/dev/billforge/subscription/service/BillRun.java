package dev.billforge.subscription.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.billforge.chassis.jobs.JobPasses;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.telemetry.BillingOperations;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.subscription.domain.PeriodEnd;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionPeriod;
import dev.billforge.subscription.domain.SubscriptionStatus;
import dev.billforge.subscription.messaging.SubscriptionEvents;
import dev.billforge.subscription.store.SubscriptionPeriodStore;
import dev.billforge.subscription.store.SubscriptionStore;

/**
 * The bill run: passes every subscription's period end on the business clock, exactly once per period. Renewals
 * and trials that end announce {@code subscription.renewed} (invoicing bills the new period), cancellations set for
 * the period end take effect ({@code subscription.canceled}).
 * <p>
 * A pass claims due subscriptions in batches ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) and handles
 * a batch in one transaction: the subscriptions' new periods (one statement), one multi-row insert into the period
 * ledger and the events commit together or not at all. A crash before the commit leaves the batch to the next pass;
 * the ledger's constraints refuse a period entered twice or skipped. A clock that jumped over several period ends
 * renews each period in order, each with its own event. A batch that fails is retried one subscription per transaction, so one
 * subscription that cannot be renewed (counted in {@code billforge.bill_run.failed}) never holds up the others.
 */
@ApplicationScoped
public class BillRun {

    private static final Logger LOG = Logger.getLogger(BillRun.class);

    /** What one pass (or batch) did. */
    public record Result(int renewed, int trialsEnded, int ended, int failed) {

        static final Result NONE = new Result(0, 0, 0, 0);

        Result plus(Result other) {
            return new Result(renewed + other.renewed, trialsEnded + other.trialsEnded, ended + other.ended,
                    failed + other.failed);
        }
    }

    /** A batch's outcome; {@code more}: whether the pass should claim again. */
    private record Batch(boolean more, Result result) {
    }

    /**
     * The state of one pass: after a batch fails, it goes on one subscription per transaction ({@code isolating}),
     * skipping those that failed alone (they wait for the next pass).
     */
    private static final class Pass {
        final DueScope scope;
        final Set<UUID> skipped = new HashSet<>();
        boolean isolating;

        Pass(DueScope scope) {
            this.scope = scope;
        }
    }

    private final SubscriptionStore subscriptions;
    private final SubscriptionPeriodStore periods;
    private final Outbox outbox;
    private final BusinessClock clock;
    private final int batchSize;
    private final int maxPeriodsPerBatch;
    private final TrialReminders trialReminders;
    private final AtomicLong due = new AtomicLong();
    private final Counter renewedCounter;
    private final Counter trialsEndedCounter;
    private final Counter endedCounter;
    private final Counter failedCounter;
    private final Timer runTimer;
    private final BillingOperations operations;
    private final Tracing tracing;
    private final Duration interval;
    private JobPasses passes;

    public BillRun(SubscriptionStore subscriptions, SubscriptionPeriodStore periods, Outbox outbox, BusinessClock clock,
            TrialReminders trialReminders, SubscriptionConfig config, MeterRegistry metrics,
            BillingOperations operations, Tracing tracing) {
        this.tracing = tracing;
        this.subscriptions = subscriptions;
        this.operations = operations;
        this.periods = periods;
        this.outbox = outbox;
        this.clock = clock;
        this.interval = config.billRun().interval();
        this.batchSize = config.billRun().batchSize();
        this.maxPeriodsPerBatch = config.billRun().maxPeriodsPerSubscription();
        this.trialReminders = trialReminders;
        metrics.gauge("billforge.bill_run.due", due);
        this.renewedCounter = Counter.builder("billforge.bill_run.periods").tag("billing_reason", "subscription_cycle")
                .description("Periods entered by renewal").register(metrics);
        this.trialsEndedCounter = Counter.builder("billforge.bill_run.periods").tag("billing_reason", "trial_end")
                .description("First paid periods entered at the end of a trial").register(metrics);
        this.endedCounter = Counter.builder("billforge.bill_run.ended")
                .description("Subscriptions ended at their period end").register(metrics);
        this.failedCounter = Counter.builder("billforge.bill_run.failed")
                .description("Subscriptions whose period end could not be passed (retried on the next pass)")
                .register(metrics);
        this.runTimer = Timer.builder("billforge.bill_run.duration").description("Duration of bill run passes")
                .register(metrics);
    }

    /**
     * Runs a pass on the interval and whenever a tenant's test clock moves (its period ends may have come due), one
     * pass at a time.
     */
    void start(@Observes StartupEvent started, Vertx vertx) {
        passes = JobPasses.start(vertx, "Bill run", interval, () -> scheduledPass().replaceWith(false));
        clock.whenMoved(passes::wake);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (passes != null) {
            passes.stop();
        }
    }

    Uni<Void> scheduledPass() {
        // One scope per tenant whose test clock runs ahead, then everyone else (in production: only everyone).
        List<DueScope> scopes = clock.dueScopes();
        return Panache.withSession(() -> Multi.createFrom().iterable(scopes)
                .onItem().transformToUniAndConcatenate(subscriptions::countPeriodEnds)
                .collect().with(Collectors.summingLong(Long::longValue)))
                .invoke(due::set)
                .chain(() -> Multi.createFrom().iterable(scopes)
                        .onItem().transformToUniAndConcatenate(scope -> BusinessClock.isolated(scope, run(scope),
                                Result.NONE))
                        .collect().last().replaceWithVoid());
    }

    /** One pass over the scope's tenants at the scope's time: batches until nothing in it is due. */
    public Uni<Result> run(DueScope scope) {
        long started = System.nanoTime();
        Pass pass = new Pass(scope);
        return Multi.createBy().repeating().uni(() -> nextBatch(pass))
                .whilst(Batch::more)
                .map(Batch::result)
                .collect().asList()
                .map(results -> results.stream().reduce(Result.NONE, Result::plus))
                .invoke(result -> {
                    runTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    if (!result.equals(Result.NONE)) {
                        LOG.infof("Bill run at %s: %d renewed, %d trials ended, %d ended at period end, %d failed",
                                scope.now(), result.renewed(), result.trialsEnded(), result.ended(), result.failed());
                    }
                });
    }

    private Uni<Batch> nextBatch(Pass pass) {
        List<UUID> claimedIds = new ArrayList<>();
        // A batch that claimed anything is one "renew" billing operation (its transaction, commit included) and one
        // trace; each subscription's renewal starts a trace of its own, linked from the batch's.
        return operations.track("renew", Panache.withTransaction(() -> subscriptions
                .claimPeriodEnds(pass.scope, pass.isolating ? 1 : batchSize, pass.skipped)
                .invoke(claimed -> claimed.forEach(subscription -> claimedIds.add(subscription.id())))
                .chain(claimed -> {
                    if (claimed.isEmpty()) {
                        return passPeriodEnds(claimed, pass.scope, null);
                    }
                    Span batchSpan = tracing.startRoot("bill run batch", null);
                    return Tracing.within(batchSpan, () -> passPeriodEnds(claimed, pass.scope, batchSpan));
                })), batch -> !claimedIds.isEmpty())
                .invoke(batch -> {
                    renewedCounter.increment(batch.result().renewed());
                    trialsEndedCounter.increment(batch.result().trialsEnded());
                    endedCounter.increment(batch.result().ended());
                })
                .onFailure(failure -> !claimedIds.isEmpty()).recoverWithItem(failure -> {
                    if (pass.isolating) {
                        LOG.errorf(failure, "Bill run: subscription %s could not pass its period end; retried on the"
                                + " next pass", claimedIds.get(0));
                        pass.skipped.add(claimedIds.get(0));
                        failedCounter.increment();
                        return new Batch(true, new Result(0, 0, 0, 1));
                    }
                    LOG.warnf(failure, "Bill run batch of %d subscriptions failed; retrying them one by one",
                            claimedIds.size());
                    pass.isolating = true;
                    return new Batch(true, Result.NONE);
                });
    }

    /** Inside the batch's transaction: passes each claimed subscription's period ends, records and announces them. */
    private Uni<Batch> passPeriodEnds(List<Subscription> claimed, DueScope scope, Span batchSpan) {
        List<SubscriptionPeriod> entered = new ArrayList<>();
        Announcements announcements = new Announcements();
        List<Span> periodEndSpans = new ArrayList<>(); // ended with the batch, whatever becomes of it
        int renewed = 0;
        int trialsEnded = 0;
        int ended = 0;
        for (Subscription subscription : claimed) {
            // Each subscription's period end is a trace of its own, linked from the batch's: its events carry that
            // context (journey), and its trial reminder is assembled while its span is current, which is the context
            // it publishes in (context propagation restores, when a Uni runs, the context it was assembled in).
            Span periodEnd = tracing.startRoot("subscription period end", batchSpan);
            periodEndSpans.add(periodEnd);
            try (Scope inItsTrace = Tracing.current(periodEnd)) {
                Context journey = Context.current();
                // A clock that jumped over both the trial reminder and the trial end (a test clock, or a bill run that
                // was down for days) still tells the customer in time order: the reminder first, then the first period.
                trialReminders.announcementIfDue(subscription, scope.now()).ifPresent(announcements::add);
                for (int i = 0; i < maxPeriodsPerBatch; i++) {
                    SubscriptionStatus previous = subscription.status();
                    PeriodEnd step = subscription.passPeriodEnd(scope.now());
                    if (step == PeriodEnd.NONE) {
                        break;
                    }
                    if (step == PeriodEnd.ENDED) {
                        ended++;
                        var canceled = SubscriptionEvents.canceled(subscription, previous,
                                SubscriptionCanceled.PERIOD_END);
                        announcements.add(new Outbox.Publication<>(EventCatalog.SUBSCRIPTION_CANCELED,
                                subscription.tenantId(), subscription.id(), canceled, journey));
                        break;
                    }
                    if (step == PeriodEnd.TRIAL_ENDED) {
                        trialsEnded++;
                    } else {
                        renewed++;
                    }
                    entered.add(SubscriptionPeriod.entered(subscription, step));
                    var renewal = SubscriptionEvents.renewed(subscription, step);
                    announcements.add(new Outbox.Publication<>(EventCatalog.SUBSCRIPTION_RENEWED,
                            subscription.tenantId(), subscription.id(), renewal, journey));
                }
            }
        }
        Result result = new Result(renewed, trialsEnded, ended, 0);
        // A batch that changed nothing (which the claim condition should make impossible) ends the pass rather
        // than claiming the same subscriptions for ever.
        boolean more = !claimed.isEmpty() && !result.equals(Result.NONE);
        return subscriptions.writePeriodEnds(claimed)
                .chain(() -> periods.record(entered, scope.now()))
                .chain(announcements::publish)
                .replaceWith(new Batch(more, result))
                .onTermination().invoke(() -> periodEndSpans.forEach(Span::end));
    }

    /**
     * A batch's announcements in order: events written with one statement per run of them (nearly always one for
     * the batch), and the trial reminders between them in their place, so each subscription's events keep their
     * order.
     */
    private final class Announcements {

        private final List<Supplier<Uni<?>>> steps = new ArrayList<>();
        private List<Outbox.Publication<?>> run;

        void add(Outbox.Publication<?> event) {
            if (run == null) {
                List<Outbox.Publication<?>> events = new ArrayList<>();
                steps.add(() -> outbox.publishAll(events));
                run = events;
            }
            run.add(event);
        }

        void add(Uni<?> announcement) {
            steps.add(() -> announcement);
            run = null;
        }

        Uni<Void> publish() {
            return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(Supplier::get)
                    .collect().last().replaceWithVoid();
        }
    }
}
