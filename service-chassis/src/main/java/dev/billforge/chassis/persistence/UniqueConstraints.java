package dev.billforge.chassis.persistence;

import java.util.function.Predicate;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognizes the failure of a write that lost a race to a unique constraint or index: the database's answer that
 * a concurrent transaction inserted the same key first. Callers turn it into a 409 (or replay), not a 500.
 */
public final class UniqueConstraints {

    private UniqueConstraints() {
    }

    /** Whether {@code failure}, or any of its causes, is a violation of the constraint or index {@code name}. */
    public static boolean violated(Throwable failure, String name) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && name.equals(violation.getConstraintName())) {
                return true;
            }
            // The reactive Postgres client reports it as a PgException whose message names the constraint.
            if (t.getMessage() != null && t.getMessage().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #violated} as a predicate, for {@code onFailure(...)}. */
    public static Predicate<Throwable> named(String name) {
        return failure -> violated(failure, name);
    }
}
