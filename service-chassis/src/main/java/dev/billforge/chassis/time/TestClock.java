package dev.billforge.chassis.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A business clock that tests and demos can move forward: real time plus an offset that only grows, so months of
 * billing (trials ending, dunning retries days apart) play out in minutes. Only {@link ClockProducer} creates one,
 * and only when {@code billforge.test-clock.enabled} is set; production never has it.
 * <p>
 * It ticks in microseconds, like the production clock. Moving it back is refused: schedules that already ran must
 * not run again, and nothing recorded may end up in the future.
 */
public final class TestClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    TestClock(Clock base) {
        this.base = base;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The business clock is always UTC");
    }

    /** How far ahead of real time the clock runs. */
    public Duration offset() {
        return offset.get();
    }

    /**
     * Sets how far ahead of real time the clock runs; an offset smaller than the current one leaves it as it is (it
     * never goes back), which also makes applying the same move twice harmless.
     *
     * @return the offset afterwards
     */
    public Duration advanceTo(Duration wanted) {
        return offset.updateAndGet(current -> wanted.compareTo(current) > 0 ? wanted : current);
    }

    /** The offset that makes the clock read {@code target} now. */
    Duration offsetFor(Instant target) {
        return Duration.between(base.instant(), target);
    }
}
