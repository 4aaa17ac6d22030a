package dev.billforge.chassis.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.jobs.CommitNotifications;
import dev.billforge.chassis.jobs.JobPasses;
import dev.billforge.chassis.telemetry.PipelineMetrics;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.events.EventEnvelope;
import dev.billforge.chassis.secrets.PersonalData;

/**
 * Moves committed outbox rows to Kafka. Each pass claims a batch with {@code FOR UPDATE SKIP LOCKED} and a lease (so
 * several replicas never send the same row concurrently), sends the batch in {@code seq} order, and marks the
 * acknowledged rows sent with one statement. A row whose send failed is retried after a short delay; while Kafka is
 * down, rows simply wait. Delivery is therefore at least once, and consumers deduplicate by event id.
 *
 * <p>A pass starts when Postgres says a transaction committed outbox rows: a trigger on the table sends
 * {@code NOTIFY <schema>_outbox} (delivered at commit, once per transaction), and the relay listens through the
 * chassis {@link CommitNotifications}; {@link JobPasses} runs the passes. Idle, it costs nothing; busy, a hop waits for
 * no timer. A slow sweep ({@code billforge.outbox.sweep-interval}) catches rows whose notification was missed while
 * the listening connection was down, and rows whose send failed.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "billforge-outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool database;
    private final MutinyEmitter<String> kafka;
    private final ChassisConfig config;
    private final PersonalData personalData;
    private final PipelineMetrics metrics;
    private final Tracing tracing;
    private final String claimSql;
    private final String markSentSql;
    private final String postponeSql;
    private final String purgeSql;
    private final String notifyChannel;
    private JobPasses passes;

    public OutboxRelay(Pool database,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> kafka,
            ChassisConfig config, PersonalData personalData, PipelineMetrics metrics, Tracing tracing) {
        this.tracing = tracing;
        this.database = database;
        this.kafka = kafka;
        this.config = config;
        this.personalData = personalData;
        this.metrics = metrics;
        String table = config.db().schema() + ".outbox_message";
        this.claimSql = "UPDATE " + table + " SET lease_until = now() + $1 * interval '1 millisecond', attempts = attempts + 1"
                + " WHERE id IN (SELECT id FROM " + table
                + " WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < now())"
                + " ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, seq, event_type, topic, message_key, payload, trace_parent";
        this.markSentSql = "UPDATE " + table + " SET sent_at = now(), lease_until = NULL WHERE id = ANY($1)";
        this.postponeSql = "UPDATE " + table
                + " SET lease_until = now() + $2 * interval '1 millisecond' WHERE id = ANY($1)";
        this.purgeSql = "DELETE FROM " + table + " WHERE sent_at < now() - $1 * interval '1 millisecond'";
        this.notifyChannel = config.db().schema() + "_outbox"; // see the chassis migration outbox_notify
    }

    /**
     * Starts the passes once messaging is wired (this observer runs after the messaging extension's) and listens for
     * committed outbox rows; the sweep is a Vert.x timer, because Quarkus' scheduler cannot run more often than once a
     * second, which tests want.
     */
    void start(@Observes StartupEvent started, Vertx vertx, CommitNotifications commits) {
        passes = JobPasses.start(vertx.getDelegate(), "Outbox relay", config.outbox().sweepInterval(),
                () -> relayOnce().map(sent -> sent >= config.outbox().batchSize()));
        commits.listen(notifyChannel, passes::wake);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (passes != null) {
            passes.stop();
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeSentEvents() {
        return database.preparedQuery(purgeSql).execute(Tuple.of(config.outbox().retention().toMillis()))
                .replaceWithVoid();
    }

    /** One relay pass; returns how many events the broker acknowledged. */
    public Uni<Integer> relayOnce() {
        return database.preparedQuery(claimSql)
                .execute(Tuple.of(config.outbox().lease().toMillis(), config.outbox().batchSize()))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    batch.sort(Comparator.comparingLong(row -> row.getLong("seq")));
                    return send(batch);
                });
    }

    private Uni<Integer> send(List<Row> batch) {
        // Subscribed in list order, so the producer receives the rows in seq order (per-key order on the topic).
        List<Uni<Delivery>> deliveries = batch.stream().map(this::deliver).toList();
        return Uni.join().all(deliveries).andFailFast().flatMap(results -> {
            List<UUID> sent = results.stream().filter(Delivery::acknowledged).map(Delivery::id).toList();
            List<UUID> failed = results.stream().filter(d -> !d.acknowledged()).map(Delivery::id).toList();
            Uni<Void> markSent = sent.isEmpty() ? Uni.createFrom().voidItem()
                    : database.preparedQuery(markSentSql).execute(Tuple.of(sent.toArray(UUID[]::new))).replaceWithVoid();
            Uni<Void> postpone = failed.isEmpty() ? Uni.createFrom().voidItem()
                    : database.preparedQuery(postponeSql)
                            .execute(Tuple.of(failed.toArray(UUID[]::new), config.outbox().retryDelay().toMillis()))
                            .replaceWithVoid();
            return markSent.chain(() -> postpone).replaceWith(sent.size());
        });
    }

    private Uni<Delivery> deliver(Row row) {
        UUID id = row.getUUID("id");
        String payload;
        try {
            payload = personalData.open(row.getString("payload"));
        } catch (IllegalStateException unreadable) {
            // Its key was dropped too early, or the row was altered: postponed like a failed send, so the rest of
            // the batch (and of the outbox) is still published.
            LOG.errorf("Event %s cannot be opened (its sealing key is not configured, or it was altered): %s", id,
                    unreadable.getMessage());
            return Uni.createFrom().item(new Delivery(id, false));
        }
        String eventType = row.getString("event_type");
        String topic = row.getString("topic");
        Span publishing = tracing.startPublish(topic, eventType, row.getString("trace_parent"));
        var headers = new RecordHeaders();
        headers.add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        String traceParent = Tracing.traceParent(publishing);
        if (traceParent != null) {
            headers.add(Tracing.TRACEPARENT, traceParent.getBytes(StandardCharsets.UTF_8));
        }
        String opened = payload;
        Message<String> message = Message.of(payload).addMetadata(
                OutgoingKafkaRecordMetadata.<String> builder()
                        .withTopic(topic)
                        .withKey(row.getString("message_key"))
                        .withHeaders(headers)
                        .build());
        return Tracing.ending(publishing, kafka.sendMessage(message))
                .invoke(() -> metrics.published(eventType, opened))
                .replaceWith(new Delivery(id, true))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Event %s not yet delivered to %s, will retry: %s", id, row.getString("topic"),
                            failure.getMessage());
                    return new Delivery(id, false);
                });
    }

    private record Delivery(UUID id, boolean acknowledged) {
    }
}
