package dev.billforge.chassis.time;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The business clock. Every billing date (period ends, due dates, retry dates, event times) comes from this bean,
 * never from {@code Instant.now()}, so tests and test clocks can move time. It ticks in microseconds, the precision
 * Postgres keeps: a time the API answers with is the time a later read returns, with no truncating left to each use
 * case. With {@code billforge.test-clock.enabled} it is a {@link TestClock}, moved by {@link TestClockBroadcast}.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock businessClock(TestClockConfig testClock) {
        Clock system = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        return testClock.enabled() ? new TestClock(system) : system;
    }
}
