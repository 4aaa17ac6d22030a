package dev.billforge.chassis.jobs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a background job's passes one at a time: whenever it is woken (a commit notification from
 * {@link CommitNotifications}, or a caller that just recorded work) and on a slow sweep timer that catches what no
 * wake-up announced (work that falls due later, a missed notification, a failed pass). A wake-up during a pass, or a
 * pass that reports more work waiting (a full batch), runs the next pass as soon as this one ends; after a failed pass,
 * a wake-up runs the next one a second later. Idle, a job costs one sweep per interval instead of a poll every few
 * hundred milliseconds; busy, work waits for no timer.
 *
 * <p>Each pass runs on a fresh duplicated Vert.x context marked safe, as Quarkus runs a request or a scheduled method,
 * so it may open Hibernate Reactive sessions of its own.
 */
public final class JobPasses {

    private static final Logger LOG = Logger.getLogger(JobPasses.class);
    /** A pass that has not ended by then is reported and no longer waited for: a hung pass must not stop the job. */
    static final Duration PASS_LIMIT = Duration.ofMinutes(10);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final String job;
    private final Supplier<Uni<Boolean>> pass;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final long sweepTimer;
    private volatile boolean stopped;

    private JobPasses(Vertx vertx, String job, Duration sweep, Supplier<Uni<Boolean>> pass) {
        this.vertx = vertx;
        this.job = job;
        this.pass = pass;
        this.sweepTimer = vertx.setPeriodic(sweep.toMillis(), tick -> wake());
    }

    /**
     * Starts the sweep and a first pass.
     *
     * @param job what the job does, for the log
     * @param pass one pass; its item says whether more work is probably waiting (run again at once)
     */
    public static JobPasses start(Vertx vertx, String job, Duration sweep, Supplier<Uni<Boolean>> pass) {
        JobPasses passes = new JobPasses(vertx, job, sweep, pass);
        passes.wake();
        return passes;
    }

    /** Starts a pass unless one is running, in which case another follows it. Safe from any thread. */
    public void wake() {
        woken.set(true);
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        woken.set(false);
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(pass::get)
                .ifNoItem().after(PASS_LIMIT).failWith(() -> new IllegalStateException("pass still running after "
                        + PASS_LIMIT + "; passes go on without waiting for it"))
                .subscribe().with(more -> {
                    running.set(false);
                    if (Boolean.TRUE.equals(more) || woken.get()) {
                        wake();
                    }
                }, failure -> {
                    running.set(false);
                    LOG.warnf("%s: pass failed: %s", job, failure.toString());
                    if (woken.get()) { // work committed meanwhile: retry it soon, not on the next sweep
                        vertx.setTimer(RETRY_AFTER_FAILURE.toMillis(), tick -> wake());
                    }
                }));
    }

    /** No further passes (the one running, if any, finishes). */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(sweepTimer);
    }
}
