package dev.billforge.chassis.time;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The business clock. Every billing date (period ends, due dates, event times) comes from this bean, never from
 * {@code Instant.now()}, so tests and test clocks can move time. A service or test may replace it with its own bean.
 * It ticks in microseconds, the precision Postgres keeps: a time the API answers with is the time a later read
 * returns, with no truncating left to each use case.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock businessClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
