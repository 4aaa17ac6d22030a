package dev.billforge.chassis.time;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The platform clock: real time, ticking in microseconds (the precision Postgres keeps), so a time the API answers
 * with is the time a later read returns. Infrastructure (ids, leases, idempotency records, deliveries) reads it;
 * billing dates come from {@link BusinessClock}, which adds a tenant's test clock to it.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock platformClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
