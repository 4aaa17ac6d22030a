package dev.billforge.chassis.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.core.Vertx;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.inbox.EventRoutes.Delivery;
import dev.billforge.chassis.inbox.EventRoutes.FollowUp;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.telemetry.PipelineMetrics;
import dev.billforge.chassis.telemetry.Tracing;

/**
 * Applies the events a consumer polled, each exactly once. Kafka delivers at least once; the inbox records each
 * processed event id (per consumer name) in the same transaction as the effects, so a redelivered event finds its id
 * taken and changes nothing. Two replicas racing on one event serialize on the primary key.
 *
 * <p>A polled batch is applied in one transaction: one statement records every event id, then each new event's
 * effect runs in order, except that the events of a batch route ({@link EventRoutes.Builder#onBatch}) are applied
 * together, where the first of them came, so their reads and writes are a fixed number of statements for the set.
 * That is one commit per batch instead of one per event, which is what bounds a billing hop (each commit is a WAL
 * flush and a round trip). When the batch fails, its events are applied again one by one, each
 * in its own transaction with retries: an optimistic-lock conflict or a lost connection heals, and a record that
 * still fails (a poison record) is dead-lettered alone while the others are applied. A record that is not an event
 * of its topic's type is dead-lettered at once.
 *
 * <p>Per-key order: records of one partition keep their order; the batch is only regrouped by tenant (stable), so
 * that concurrent batches take tenant-wide locks (the invoice number sequence) in the same order. Row locks within a
 * tenant are still taken in arrival order: a deadlock between two batches rolls one back, and the one-by-one
 * fallback applies it.
 * The Kafka offsets are committed once the whole batch is through (the connector's batch acknowledgement), so a
 * consumer killed in the middle rolls its transaction back and the batch is redelivered and applied once.
 */
@ApplicationScoped
public class Inbox {

    private static final long INITIAL_WAIT_MILLIS = 100;
    private static final long MAX_WAIT_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final Clock clock;
    private final Vertx vertx;
    private final int maxAttempts;
    private final PipelineMetrics metrics;
    private static final String RECORD_PROCESSED_SQL = "INSERT INTO {h-schema}inbox_event"
            + " (consumer, event_id, event_type, processed_at)"
            + " SELECT consumer, event_id, event_type, $4::timestamptz FROM unnest($1::text[], $2::text[], $3::text[])"
            + " AS e (consumer, event_id, event_type)"
            + " ON CONFLICT DO NOTHING RETURNING consumer, event_id";

    private final Tracing tracing;
    private final SessionSql sql;

    public Inbox(Clock clock, Vertx vertx, ChassisConfig config, PipelineMetrics metrics, Tracing tracing,
            SessionSql sql) {
        this.tracing = tracing;
        this.sql = sql;
        this.clock = clock;
        this.vertx = vertx;
        this.maxAttempts = config.inbox().maxAttempts();
        this.metrics = metrics;
    }

    /**
     * The body of a service's {@code @Incoming} method: applies every record of {@code batch} through
     * {@code routes}, then acknowledges the batch (a method taking the batch message acknowledges it itself), which
     * lets the connector commit its offsets. Never fails: what cannot be applied is on the dead-letter topic first.
     */
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch, EventRoutes routes) {
        List<Routed> routed = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            metrics.consumes(record.getTopic());
            try {
                routed.add(new Routed(record, routes.read(record.getTopic(), record.getPayload())));
            } catch (RuntimeException unreadable) { // malformed, a tombstone: that record alone is rejected
                rejected.add(new Rejected(record, unreadable));
            }
        }
        routed.sort(Comparator.comparing(r -> r.delivery().event().tenantid())); // stable: per-key order kept
        // The batch is acknowledged once every record is applied (and its follow-up run) or parked on the
        // dead-letter topic; a record that cannot be parked fails the batch instead, so no offset is committed past
        // it. Dead letters go last: the dead-letter sender resumes on the record's own Vert.x context, where no
        // reactive session may be opened afterwards.
        return interesting(routed, routes).chain(applicable -> apply(applicable, rejected)).chain(Inbox::runFollowUps)
                .chain(() -> Multi.createFrom().iterable(rejected)
                        .onItem().transformToUniAndConcatenate(this::deadLetter).collect().last())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /**
     * The records of tenants the routes work for (all of them unless the routes say otherwise). The filter only saves
     * work: when asking for the tenants fails, every record is applied (the effects check for themselves), since a
     * failure here would fail the batch and the connector would commit its offsets past events never applied.
     */
    private static Uni<List<Routed>> interesting(List<Routed> routed, EventRoutes routes) {
        if (routes.interest() == null || routed.isEmpty()) {
            return Uni.createFrom().item(routed);
        }
        Set<String> tenants = new HashSet<>();
        routed.forEach(r -> tenants.add(r.delivery().event().tenantid()));
        return Panache.withSession(() -> routes.interest().among(tenants))
                .map(wanted -> routed.stream().filter(r -> wanted.contains(r.delivery().event().tenantid())).toList())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not ask which of %d tenants to work for (%s); applying all %d events",
                            tenants.size(), failure.toString(), routed.size());
                    return routed;
                });
    }

    private Uni<List<FollowUp>> apply(List<Routed> routed, List<Rejected> rejected) {
        if (routed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return inOneTransaction(routed)
                .onFailure().recoverWithUni(failure -> {
                    if (routed.size() > 1) {
                        LOG.infof("A batch of %d events failed (%s); applying them one by one", routed.size(),
                                failure.toString());
                    }
                    return oneByOne(routed, rejected);
                });
    }

    /**
     * Records the events as processed (one statement), then runs the effect of each one not processed before, in
     * order. The persistence context is flushed and cleared after each event, so it never holds a whole batch.
     */
    private Uni<List<FollowUp>> inOneTransaction(List<Routed> routed) {
        return Panache.withTransaction(() -> recordProcessed(routed).chain(fresh -> Multi.createFrom()
                .iterable(steps(routed.stream().filter(r -> fresh.remove(r.key())).toList()))
                .onItem().transformToUniAndConcatenate(step -> step.get()
                        .call(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear))))
                .collect().asList()));
    }

    /**
     * The new events as steps in arrival order: an event of a single-event route is a step of its own; the events of
     * a batch route ({@link EventRoutes.Builder#onBatch}) are one step, where the first of them came.
     */
    private List<Supplier<Uni<FollowUp>>> steps(List<Routed> fresh) {
        List<Supplier<Uni<FollowUp>>> steps = new ArrayList<>();
        Map<EventRoutes.BatchEffectWithFollowUp<?>, List<Routed>> batches = new IdentityHashMap<>();
        for (Routed r : fresh) {
            EventRoutes.BatchPart<?> part = r.delivery().batch();
            if (part == null) {
                steps.add(() -> traced(r));
            } else {
                batches.computeIfAbsent(part.effect(), effect -> {
                    List<Routed> events = new ArrayList<>();
                    steps.add(() -> tracedBatch(events));
                    return events;
                }).add(r);
            }
        }
        return steps;
    }

    /** A batch route's events applied at once, each in a processing span of its own journey (see {@link #traced}). */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Uni<FollowUp> tracedBatch(List<Routed> events) {
        List<Span> spans = new ArrayList<>(events.size());
        List<EventRoutes.Received> received = new ArrayList<>(events.size());
        for (Routed r : events) {
            Span processing = processingSpan(r);
            spans.add(processing);
            received.add(new EventRoutes.Received<>(r.delivery().event(), r.delivery().batch().data(),
                    io.opentelemetry.context.Context.current().with(processing)));
        }
        EventRoutes.BatchEffectWithFollowUp effect = events.get(0).delivery().batch().effect();
        // Its follow-up (work after commit) carries the events' journeys itself, in what the effect gave it.
        return Uni.createFrom().deferred(() -> (Uni<FollowUp>) effect.apply(received))
                .onTermination().invoke((ignored, failure, cancelled) -> spans.forEach(span -> Tracing.end(span,
                        failure)));
    }

    /**
     * The event's effect in a span continuing the journey its record's {@code traceparent} header names, so what the
     * effect publishes carries the same trace on; its work after commit (a provider call) runs in a child span.
     */
    private Uni<FollowUp> traced(Routed routed) {
        var event = routed.delivery().event();
        Span processing = processingSpan(routed);
        return Tracing.within(processing, routed.delivery().effect()).map(followUp -> {
            // A joined follow-up's item carries its journey itself (it runs with its batch's, not in a span of its own).
            if (followUp == FollowUp.NONE || followUp instanceof EventRoutes.Joined<?>) {
                return followUp;
            }
            FollowUp inTheJourney = () -> Tracing.within(
                    tracing.startChild(event.type() + " after commit", processing, SpanKind.INTERNAL), followUp::run);
            return inTheJourney;
        });
    }

    /** The span of an event's processing, continuing the journey its record's {@code traceparent} header names. */
    private Span processingSpan(Routed routed) {
        KafkaRecord<String, String> record = routed.record();
        Header header = record.getHeaders().lastHeader(Tracing.TRACEPARENT);
        var event = routed.delivery().event();
        // A record without the header (or with an empty one) starts a trace of its own: tracing never fails an event.
        return tracing.startProcess(record.getTopic(), event.type(), event.id(),
                header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Inserts the inbox rows of the batch, with one statement; returns the keys that were new (a duplicate is not). */
    private Uni<Set<String>> recordProcessed(List<Routed> routed) {
        Set<String> keys = new HashSet<>();
        List<Delivery> rows = new ArrayList<>();
        for (Routed r : routed) {
            if (keys.add(r.key())) { // the same event twice in one batch: the first one is applied
                rows.add(r.delivery());
            }
        }
        return sql.select(RECORD_PROCESSED_SQL, SessionSql.column(rows, Delivery::consumer, new String[0]),
                SessionSql.column(rows, d -> d.event().id(), new String[0]),
                SessionSql.column(rows, d -> d.event().type(), new String[0]), SessionSql.timestamp(clock.instant()))
                .map(inserted -> {
                    Set<String> fresh = new HashSet<>();
                    inserted.forEach(row -> fresh.add(key((String) row[0], (String) row[1])));
                    return fresh;
                });
    }

    /** Each event in its own transaction, with retries; one that keeps failing is rejected (dead-lettered) alone. */
    private Uni<List<FollowUp>> oneByOne(List<Routed> routed, List<Rejected> rejected) {
        return Multi.createFrom().iterable(routed).onItem().transformToUniAndConcatenate(r -> withRetries(r,
                () -> inOneTransaction(List.of(r)), 1)
                .onFailure().recoverWithItem(failure -> {
                    rejected.add(new Rejected(r.record(), failure));
                    return List.<FollowUp> of();
                }))
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /**
     * Runs one event's processing again while it fails: a database fail-over, a lost connection or a concurrent
     * update of the same row (optimistic locking) heals within seconds, and parking such an event on the dead-letter
     * topic would lose a charge or an invoice. Each try is a fresh transaction; waits double from 100 ms to 5 s, about
     * a minute in all with the default 16 tries, on this batch's Vert.x context (where its reactive session lives).
     */
    private <R> Uni<R> withRetries(Routed routed, Supplier<Uni<R>> processing, int attempt) {
        return Uni.createFrom().deferred(() -> processing.get()).onFailure(failure -> attempt < maxAttempts)
                .recoverWithUni(failure -> {
                    long waitMillis = Math.min(MAX_WAIT_MILLIS, INITIAL_WAIT_MILLIS << Math.min(attempt - 1, 16));
                    LOG.warnf("%s: event %s (%s) failed on try %d, retrying in %d ms: %s", routed.delivery().consumer(),
                            routed.delivery().event().id(), routed.delivery().event().type(), attempt, waitMillis,
                            failure.toString());
                    return Uni.createFrom().<Long> emitter(tick -> vertx.setTimer(waitMillis, tick::complete))
                            .chain(() -> withRetries(routed, processing, attempt + 1));
                });
    }

    /**
     * Parks one record on the service's dead-letter topic (the connector's failure strategy) and acknowledges it.
     * Only the batch's last record per partition is tracked for the offset commit, so acknowledging this one alone
     * commits nothing early. Fails when the record could not be parked.
     */
    private Uni<Void> deadLetter(Rejected rejected) {
        KafkaRecord<String, String> record = rejected.record();
        Throwable reason = rejected.reason();
        long offset = record.unwrap(IncomingKafkaRecord.class).getOffset();
        LOG.errorf("Dead-lettering the record at %s-%d@%d: %s", record.getTopic(), record.getPartition(), offset,
                reason.toString());
        return Uni.createFrom().completionStage(() -> record.nack(reason))
                .invoke(() -> metrics.deadLettered(record.getTopic()))
                .onFailure().invoke(failure -> LOG.errorf("Could not dead-letter %s-%d@%d; the batch is not "
                        + "acknowledged: %s", record.getTopic(), record.getPartition(), offset, failure.toString()));
    }

    /**
     * Work after commit (provider calls), one piece at a time: each opens its own transactions on this batch's Vert.x
     * context, where only one reactive session may be in use. Joined follow-ups ({@link FollowUp#joining}) are one
     * piece per batch they join, with every item of it, in the order their first item came. A failure is logged, not
     * rethrown: the events were processed, and the recovery jobs finish what a follow-up left undone.
     */
    private static Uni<Void> runFollowUps(List<FollowUp> followUps) {
        List<FollowUp> pieces = new ArrayList<>();
        Map<EventRoutes.BatchFollowUp<?>, List<Object>> joined = new IdentityHashMap<>();
        for (FollowUp followUp : followUps) {
            if (followUp instanceof EventRoutes.Joined<?> join) {
                joined.computeIfAbsent(join.batch(), batch -> {
                    List<Object> items = new ArrayList<>();
                    pieces.add(() -> runJoined(batch, items));
                    return items;
                }).add(join.item());
            } else if (followUp != FollowUp.NONE) {
                pieces.add(followUp);
            }
        }
        return Multi.createFrom().iterable(pieces)
                .onItem().transformToUniAndConcatenate(f -> Uni.createFrom().deferred(f::run)
                        .onFailure().invoke(failure -> LOG.warnf("Work after an event's commit failed (left to "
                                + "recovery): %s", failure.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private static <T> Uni<Void> runJoined(EventRoutes.BatchFollowUp<T> batch, List<Object> items) {
        return batch.runAll((List<T>) items);
    }

    private static String key(String consumer, String eventId) {
        return consumer + '\n' + eventId;
    }

    private record Rejected(KafkaRecord<String, String> record, Throwable reason) {
    }

    private record Routed(KafkaRecord<String, String> record, Delivery delivery) {
        String key() {
            return Inbox.key(delivery.consumer(), delivery.event().id());
        }
    }
}
