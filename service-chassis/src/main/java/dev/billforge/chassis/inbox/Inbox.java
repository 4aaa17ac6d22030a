package dev.billforge.chassis.inbox;

import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

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

    private final Clock clock;

    public Inbox(Clock clock) {
        this.clock = clock;
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
     * {@code effect} once per event id (see {@link #processOnce}). A record that is not such an event fails with
     * {@link EventJson.MalformedEventException}, which the connector parks on the dead-letter topic.
     */
    public <T> Uni<Void> consume(String consumer, String payload, EventType<T> type,
            BiFunction<EventEnvelope<JsonNode>, T, Uni<Void>> effect) {
        EventEnvelope<JsonNode> event = EventJson.read(payload);
        T data = EventJson.data(event, type);
        return processOnce(consumer, event, () -> effect.apply(event, data)).replaceWithVoid();
    }
}
