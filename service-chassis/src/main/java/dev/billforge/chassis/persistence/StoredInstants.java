package dev.billforge.chassis.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as Postgres keeps them: to the microsecond. */
public final class StoredInstants {

    private StoredInstants() {
    }

    /**
     * {@code instant} truncated to microseconds (null stays null): what we compare, answer and announce then equals
     * what we store and read back.
     */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
