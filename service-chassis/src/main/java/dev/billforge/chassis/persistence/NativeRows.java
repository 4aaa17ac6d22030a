package dev.billforge.chassis.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading the columns of native-query rows ({@code Object[]}), whose types depend on the driver. */
public final class NativeRows {

    private NativeRows() {
    }

    /** A {@code timestamptz} column as an instant (the reactive driver hands over an OffsetDateTime); null stays null. */
    public static Instant instant(Object value) {
        return value == null ? null : value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
