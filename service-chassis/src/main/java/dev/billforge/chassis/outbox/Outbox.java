package dev.billforge.chassis.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.json.EventJson;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;

/**
 * Where services publish events: into the outbox table, inside the transaction of the state change. There is no
 * other way to publish, so a service can never commit a change and lose its event, or announce a change that
 * rolled back. {@link OutboxRelay} takes it from there.
 */
@ApplicationScoped
public class Outbox {

    private final BusinessClock clock;
    private final String source;

    public Outbox(BusinessClock clock, ChassisConfig config) {
        this.clock = clock;
        this.source = "/" + config.service().name();
    }

    /**
     * Records an event about {@code aggregateId} for the current transaction to commit; its {@code time} is the
     * tenant's business time.
     *
     * @throws IllegalStateException (as a failed Uni) when called outside a transaction
     */
    public <T> Uni<EventEnvelope<T>> publish(EventType<T> type, String tenantId, Object aggregateId, T data) {
        String traceParent = Tracing.currentTraceParent(); // the journey this change belongs to, if traced
        return Panache.currentTransaction().flatMap(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.publish(" + type.name() + ") must run inside the transaction of the state change"));
            }
            EventEnvelope<T> event = EventEnvelope.of(type, UUID.randomUUID().toString(), source,
                    aggregateId.toString(), clock.now(tenantId), tenantId, data);
            OutboxMessage message = new OutboxMessage();
            message.id = UUID.fromString(event.id());
            message.tenantId = tenantId;
            message.eventType = type.name();
            message.topic = type.topic();
            message.messageKey = event.subject();
            message.payload = EventJson.write(event);
            message.createdAt = event.time();
            message.traceParent = traceParent;
            return message.persist().replaceWith(event);
        });
    }
}
