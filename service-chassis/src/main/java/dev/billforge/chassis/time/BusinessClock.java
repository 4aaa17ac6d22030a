package dev.billforge.chassis.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What time it is for a tenant: the time every billing date is taken from (period ends, trial ends, due dates, dunning
 * retries, the {@code time} of the events a tenant's changes publish), never {@code Instant.now()}.
 * <p>
 * In production it is the platform's {@link Clock} for every tenant. Where test clocks are enabled
 * ({@code billforge.test-clock.enabled}), a tenant may run ahead of real time by an offset that only grows, moved by
 * {@link TestClockBroadcast} on every service at once, so months of one tenant's billing play out in minutes while
 * every other tenant stays on real time.
 * <p>
 * The rule that keeps this sound: a time stored in a tenant's row is that tenant's business time, and a job that
 * compares stored times with "now" runs once per {@link #dueScopes() scope}, each at its own time. Infrastructure
 * that is not about billing dates (ids, leases of outbox and inbox rows, idempotency records, e-mail and webhook
 * delivery) keeps to the platform {@link Clock}.
 */
@Singleton
public class BusinessClock {

    private static final Logger LOG = Logger.getLogger(BusinessClock.class);

    private final Clock platform;
    /** How far each tenant with a test clock runs ahead of real time; empty unless test clocks are enabled. */
    private final Map<String, Duration> aheadOfRealTime = new ConcurrentHashMap<>();
    private final List<Runnable> moveListeners = new CopyOnWriteArrayList<>();

    public BusinessClock(Clock platform) {
        this.platform = platform;
    }

    /** The tenant's business time, in microseconds (the precision Postgres keeps). */
    public Instant now(String tenantId) {
        Duration offset = aheadOfRealTime.get(tenantId);
        Instant now = platform.instant();
        return offset == null ? now : now.plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    /** How far the tenant's clock runs ahead of real time (zero without a test clock). */
    public Duration offset(String tenantId) {
        return aheadOfRealTime.getOrDefault(tenantId, Duration.ZERO);
    }

    /**
     * Runs {@code listener} whenever a tenant's test clock moves forward, on the clock reader's thread (so it should
     * only wake something): for jobs whose work falls due by the clock, so a move does not wait for their next sweep.
     */
    public void whenMoved(Runnable listener) {
        moveListeners.add(listener);
    }

    /**
     * The slices a background job covers on one pass, each at its own time: one per tenant whose test clock runs
     * ahead, then every other tenant at real time. Without test clocks, one scope: everyone, now.
     */
    public List<DueScope> dueScopes() {
        Map<String, Duration> ahead = Map.copyOf(aheadOfRealTime);
        Instant now = platform.instant();
        List<DueScope> scopes = new ArrayList<>(ahead.size() + 1);
        ahead.forEach((tenant, offset) -> scopes.add(
                DueScope.tenant(tenant, now.plus(offset).truncatedTo(ChronoUnit.MICROS))));
        scopes.add(DueScope.everyoneBut(ahead.keySet(), now));
        return scopes;
    }

    /**
     * Runs {@code pass} of a background job once per {@link #dueScopes() scope}, in turn; returns the sum of what the
     * passes counted (rows claimed, retries made...).
     */
    public Uni<Integer> inEachScope(Function<DueScope, Uni<Integer>> pass) {
        return Multi.createFrom().iterable(dueScopes())
                .onItem().transformToUniAndConcatenate(scope -> isolated(scope, pass.apply(scope), 0))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * One scope's pass, whose failure is logged and counted as {@code whenFailed}: one tenant whose work fails must
     * not stop the pass for the tenants after it (the job runs again on its next tick).
     */
    public static <T> Uni<T> isolated(DueScope scope, Uni<T> pass, T whenFailed) {
        return pass.onFailure().recoverWithItem(failure -> {
            LOG.errorf(failure, "A background pass over %s failed; it runs again on the next tick", scope);
            return whenFailed;
        });
    }

    /**
     * Sets how far ahead of real time the tenant's clock runs; a smaller offset than the current one leaves it as it
     * is (a clock never goes back: schedules that already ran must not run again), which also makes applying the same
     * move twice harmless. Only {@link TestClockBroadcast} calls this.
     *
     * @return the offset afterwards
     */
    Duration runAhead(String tenantId, Duration offset) {
        if (offset.isNegative()) { // behind real time is not a test clock; a move "to now" lands a hair behind
            offset = Duration.ZERO;
        }
        Duration before = offset(tenantId);
        Duration after = aheadOfRealTime.merge(tenantId, offset, (current, wanted) -> wanted.compareTo(current) > 0
                ? wanted : current);
        if (after.compareTo(before) > 0) {
            moveListeners.forEach(BusinessClock::tell);
        }
        return after;
    }

    private static void tell(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) { // a listener's trouble must not stop the clock reader
            LOG.warnf("A test clock move listener failed: %s", e.toString());
        }
    }

    /**
     * The offset that makes the tenant's clock read {@code target} now, never less than its current one: what is
     * published must be the furthest move this service knows of.
     */
    Duration offsetFor(String tenantId, Instant target) {
        Duration wanted = Duration.between(platform.instant(), target);
        Duration current = offset(tenantId);
        return wanted.compareTo(current) > 0 ? wanted : current;
    }
}
