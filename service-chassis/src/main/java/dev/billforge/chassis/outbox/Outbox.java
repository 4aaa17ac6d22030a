package dev.billforge.chassis.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.json.EventJson;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.secrets.PersonalData;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;

/**
 * Where services publish events: into the outbox table, inside the transaction of the state change. There is no
 * other way to publish, so a service can never commit a change and lose its event, or announce a change that
 * rolled back. {@link OutboxRelay} takes it from there.
 *
 * <p>The rows are written at once, with one statement per call ({@link #publishAll} for a set): an event row is
 * never read back in the transaction, so it needs no entity. {@code seq} and {@code enqueued_at} are the database's;
 * the payload (the whole envelope, exactly as it will be published) is sealed, as events may carry personal data
 * (customer.* carry the billing email), and the relay opens it.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT_SQL = "INSERT INTO {h-schema}outbox_message"
            + " (id, tenant_id, event_type, topic, message_key, payload, created_at, trace_parent)"
            + " SELECT id, tenant_id, event_type, topic, message_key, payload, created_at, trace_parent"
            + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
            + " $7::timestamptz[], $8::text[]) WITH ORDINALITY"
            + " AS e (id, tenant_id, event_type, topic, message_key, payload, created_at, trace_parent, n)"
            + " ORDER BY n"; // seq follows the given order, which the relay publishes in

    private final BusinessClock clock;
    private final String source;
    private final SessionSql sql;
    private final PersonalData personalData;

    public Outbox(BusinessClock clock, ChassisConfig config, SessionSql sql, PersonalData personalData) {
        this.clock = clock;
        this.sql = sql;
        this.personalData = personalData;
        this.source = "/" + config.service().name();
    }

    /**
     * An event to publish: its type, the tenant, the aggregate it is about (the record key), its data, and the
     * journey (trace context) it belongs to; null for the current one.
     */
    public record Publication<T>(EventType<T> type, String tenantId, Object aggregateId, T data, Context journey) {

        public Publication(EventType<T> type, String tenantId, Object aggregateId, T data) {
            this(type, tenantId, aggregateId, data, null);
        }
    }

    /**
     * Records an event about {@code aggregateId} for the current transaction to commit; its {@code time} is the
     * tenant's business time.
     *
     * @throws IllegalStateException (as a failed Uni) when called outside a transaction
     */
    public <T> Uni<EventEnvelope<T>> publish(EventType<T> type, String tenantId, Object aggregateId, T data) {
        return publishAll(List.of(new Publication<>(type, tenantId, aggregateId, data)))
                .map(events -> {
                    @SuppressWarnings("unchecked")
                    EventEnvelope<T> event = (EventEnvelope<T>) events.get(0);
                    return event;
                });
    }

    /**
     * Records the events for the current transaction to commit, with one statement, in their order (the relay
     * publishes them in it); returns their envelopes, in the same order.
     *
     * @throws IllegalStateException (as a failed Uni) when called outside a transaction
     */
    public Uni<List<EventEnvelope<?>>> publishAll(List<? extends Publication<?>> publications) {
        if (publications.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String currentTraceParent = Tracing.currentTraceParent(); // the journey this change belongs to, if traced
        return Panache.currentTransaction().flatMap(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException("Outbox.publish("
                        + publications.get(0).type().name() + ") must run inside the transaction of the state change"));
            }
            List<EventEnvelope<?>> events = new ArrayList<>(publications.size());
            publications.forEach(publication -> events.add(envelope(publication)));
            int n = events.size();
            UUID[] ids = new UUID[n];
            String[] tenants = new String[n];
            String[] types = new String[n];
            String[] topics = new String[n];
            String[] keys = new String[n];
            String[] payloads = new String[n];
            OffsetDateTime[] times = new OffsetDateTime[n];
            String[] traceParents = new String[n];
            for (int i = 0; i < n; i++) {
                EventEnvelope<?> event = events.get(i);
                ids[i] = UUID.fromString(event.id());
                tenants[i] = event.tenantid();
                types[i] = event.type();
                topics[i] = publications.get(i).type().topic();
                keys[i] = event.subject();
                payloads[i] = personalData.seal(EventJson.write(event));
                times[i] = SessionSql.timestamp(event.time());
                traceParents[i] = traceParentOf(publications.get(i).journey(), currentTraceParent);
            }
            return sql.update(INSERT_SQL, ids, tenants, types, topics, keys, payloads, times, traceParents)
                    .replaceWith(events);
        });
    }

    private static String traceParentOf(Context journey, String current) {
        if (journey == null) {
            return current;
        }
        try (Scope inItsJourney = journey.makeCurrent()) {
            return Tracing.currentTraceParent();
        }
    }

    private <T> EventEnvelope<T> envelope(Publication<T> publication) {
        return EventEnvelope.of(publication.type(), UUID.randomUUID().toString(), source,
                publication.aggregateId().toString(), clock.now(publication.tenantId()), publication.tenantId(),
                publication.data());
    }
}
