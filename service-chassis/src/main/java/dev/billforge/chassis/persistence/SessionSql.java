package dev.billforge.chassis.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.config.ChassisConfig;

/**
 * Set-based SQL of the hot paths: Postgres statements run on the current reactive session's connection, so inside
 * its transaction when one is open, with none of Hibernate's per-query and per-entity work (the query's translation, the persistence
 * context, the flush). A set travels as one array parameter per column ({@code WHERE id = ANY($1)},
 * {@code INSERT ... SELECT * FROM unnest($1, $2, ...)}), so one prepared statement serves sets of every size.
 *
 * <p>Parameters are numbered ({@code $1}); {@code {h-schema}} stands for this service's schema and a dot, as in
 * Hibernate's native queries. Rows come back as {@code Object[]} of the driver's types (a {@code timestamptz} is an
 * OffsetDateTime: {@link NativeRows#instant}). The session's pending entity changes are not flushed first: a path
 * that writes entities and then reads the same rows here flushes itself.
 */
@ApplicationScoped
public class SessionSql {

    private final String schemaPrefix;

    public SessionSql(ChassisConfig config) {
        this.schemaPrefix = config.db().schema() + ".";
    }

    /** The rows the statement returns (a SELECT, or a write with RETURNING). */
    public Uni<List<Object[]>> select(String sql, Object... parameters) {
        String statement = qualified(sql);
        return connection().chain(connection -> Uni.createFrom()
                .completionStage(() -> connection.select(statement, parameters)))
                .map(result -> {
                    List<Object[]> rows = new ArrayList<>(result.size());
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    /** How many rows the statement wrote. */
    public Uni<Integer> update(String sql, Object... parameters) {
        String statement = qualified(sql);
        return connection().chain(connection -> Uni.createFrom()
                .completionStage(() -> connection.update(statement, parameters)));
    }

    /**
     * Tells the session that these entities, which it manages and whose changes a set statement of the caller has
     * just written, hold what the database holds: its flush would otherwise write each of them again, one
     * {@code UPDATE} per row. Changes made to them afterwards are flushed as usual. Made read-only and modifiable
     * again, an entity's current state becomes its loaded state (Hibernate's documented behaviour); the attributes
     * the enhanced class recorded as changed are cleared as Hibernate clears them after a flush.
     */
    public static Uni<Void> markWritten(Collection<?> entities) {
        if (entities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().invoke(session -> entities.forEach(entity -> {
            session.setReadOnly(entity, true);
            session.setReadOnly(entity, false);
            if (entity instanceof SelfDirtinessTracker tracker) {
                tracker.$$_hibernate_clearDirtyAttributes();
            }
        })).replaceWithVoid();
    }

    /** One column of a set as an array parameter, in the set's order. */
    public static <T, C> C[] column(Collection<T> rows, Function<T, C> value, C[] type) {
        List<C> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(value.apply(row)));
        return values.toArray(type);
    }

    /** A column of instants as a {@code timestamptz[]} parameter (the driver takes OffsetDateTime). */
    public static <T> OffsetDateTime[] instants(Collection<T> rows, Function<T, Instant> value) {
        return column(rows, row -> timestamp(value.apply(row)), new OffsetDateTime[0]);
    }

    /** An instant as a {@code timestamptz} parameter; null stays null. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Ids as a {@code uuid[]} parameter. */
    public static UUID[] uuids(Collection<UUID> ids) {
        return ids.toArray(new UUID[0]);
    }

    /** Strings as a {@code text[]} parameter. */
    public static String[] texts(Collection<String> values) {
        return values.toArray(new String[0]);
    }

    private String qualified(String sql) {
        return sql.replace("{h-schema}", schemaPrefix);
    }

    private static Uni<ReactiveConnection> connection() {
        return Panache.getSession().map(SessionSql::connectionOf);
    }

    private static ReactiveConnection connectionOf(Mutiny.Session session) {
        // Hibernate Reactive's own session class; its connection is the transaction's.
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("The reactive session " + session.getClass().getName()
                + " does not expose its connection");
    }
}
