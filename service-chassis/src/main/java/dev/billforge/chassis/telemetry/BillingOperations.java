package dev.billforge.chassis.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * The design document's billing telemetry ({@code billing_operation_completed} and {@code billing_operation_failed},
 * each with a duration) as one Micrometer timer: {@code billing_operation_seconds{operation, result}}, with result
 * {@code completed} or {@code failed}. Labels stay bounded: the operation is one of a fixed set of names, never an id.
 * Methods say {@link BillingOperation}; work that is not one method call (a bill-run batch) calls {@link #track}.
 */
@ApplicationScoped
public class BillingOperations {

    static final String METER = "billing.operation";
    private static final Logger LOG = Logger.getLogger(BillingOperations.class);
    /** Buckets for "how many operations took longer than ..." alerts, beside the count, sum and max. */
    private static final Duration[] SLO = { Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5) };

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public BillingOperations(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code work}, timed from its subscription to its item (completed) or failure (failed). */
    public <T> Uni<T> track(String operation, Uni<T> work) {
        return track(operation, work, item -> true);
    }

    /** As {@link #track(String, Uni)}, leaving out items that did no work (a bill-run pass with nothing due). */
    public <T> Uni<T> track(String operation, Uni<T> work, Predicate<? super T> didWork) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return work.onItemOrFailure().invoke((item, failure) -> {
                if (failure != null || didWork.test(item)) {
                    record(operation, failure == null, System.nanoTime() - started);
                }
            });
        });
    }

    private void record(String operation, boolean completed, long nanos) {
        // Both results exist from an operation's first call on: a rate() over the failed series then sees its first
        // failure (a series that appears at 1 has no increase to see).
        Timer completedTimer = timer(operation, "completed");
        Timer failedTimer = timer(operation, "failed");
        (completed ? completedTimer : failedTimer).record(nanos, TimeUnit.NANOSECONDS);
        LOG.debugf("Billing operation: %s - %s - %dµs", operation, completed ? "completed" : "failed", nanos / 1000);
    }

    private Timer timer(String operation, String result) {
        return timers.computeIfAbsent(operation + '/' + result, key -> Timer.builder(METER)
                .description("Billing operations by name and result (completed or failed), with their duration")
                .tag("operation", operation).tag("result", result).serviceLevelObjectives(SLO).register(registry));
    }
}
