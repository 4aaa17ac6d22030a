package dev.billforge.chassis.inbox;

import java.time.Clock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.events.EventEnvelope;

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
}
