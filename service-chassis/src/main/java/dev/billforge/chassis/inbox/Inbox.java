package dev.billforge.chassis.inbox;

import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;

/**
 * Makes a consumer idempotent. Kafka delivers at least once; the inbox records each processed event id in the same
 * transaction as the consumer's effect, so a redelivered event finds its id taken and changes nothing. Two replicas
 * racing on one event serialize on the primary key: the second waits, then sees the first one's row.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD_SQL = "INSERT INTO {h-schema}inbox_event (consumer, event_id, event_type, processed_at)"
            + " VALUES (:consumer, :eventId, :eventType, :processedAt) ON CONFLICT DO NOTHING";

    static final int MAX_ATTEMPTS = 16;
    private static final long INITIAL_WAIT_MILLIS = 100;
    private static final long MAX_WAIT_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final Clock clock;
    private final Vertx vertx;

    public Inbox(Clock clock, Vertx vertx) {
        this.clock = clock;
        this.vertx = vertx;
    }

    /**
     * Runs {@code effect} in one transaction with the record of {@code event} having been processed by
     * {@code consumer}, unless it was processed before.
     *
     * @return true when the effect ran, false for a duplicate
     */
    public Uni<Boolean> processOnce(String consumer, EventEnvelope<?> event, Supplier<Uni<Void>> effect) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(RECORD_SQL)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", event.id())
                        .setParameter("eventType", event.type())
                        .setParameter("processedAt", clock.instant())
                        .executeUpdate())
                .flatMap(inserted -> inserted == 1
                        ? effect.get().replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    /**
     * The usual body of an {@code @Incoming} method: parses the Kafka record as an event of {@code type} and runs
     * {@code effect} once per event id (see {@link #processOnce}), retrying when it fails (see
     * {@link #withRetries}). A record that is not such an event fails at once with
     * {@link EventJson.MalformedEventException}, which the connector parks on the dead-letter topic.
     */
    public <T> Uni<Void> consume(String consumer, String payload, EventType<T> type,
            BiFunction<EventEnvelope<JsonNode>, T, Uni<Void>> effect) {
        EventEnvelope<JsonNode> event = EventJson.read(payload);
        T data = EventJson.data(event, type);
        return withRetries(consumer, event, () -> processOnce(consumer, event, () -> effect.apply(event, data)));
    }

    /**
     * Runs a consumer's processing of one event again while it fails: a database fail-over, a lost connection or a
     * concurrent update of the same row (optimistic locking) heals within seconds, and parking such an event on the
     * dead-letter topic would lose a charge or an invoice. Each try is a fresh transaction; waits double from
     * 100 ms to 5 s, about a minute in all, on this event's Vert.x context (where its reactive session lives).
     * Only then does the failure reach the connector, which dead-letters the record.
     */
    public Uni<Void> withRetries(String consumer, EventEnvelope<?> event, Supplier<Uni<?>> processing) {
        return attempt(consumer, event, processing, 1);
    }

    private Uni<Void> attempt(String consumer, EventEnvelope<?> event, Supplier<Uni<?>> processing, int attempt) {
        return Uni.createFrom().deferred(() -> processing.get()).replaceWithVoid().onFailure(failure -> attempt < MAX_ATTEMPTS
                && !(failure instanceof EventJson.MalformedEventException))
                .recoverWithUni(failure -> {
                    long waitMillis = Math.min(MAX_WAIT_MILLIS, INITIAL_WAIT_MILLIS << (attempt - 1));
                    LOG.warnf("%s: event %s (%s) failed on try %d, retrying in %d ms: %s", consumer, event.id(),
                            event.type(), attempt, waitMillis, failure.toString());
                    return Uni.createFrom().<Long> emitter(tick -> vertx.setTimer(waitMillis, tick::complete))
                            .chain(() -> attempt(consumer, event, processing, attempt + 1));
                });
    }
}
