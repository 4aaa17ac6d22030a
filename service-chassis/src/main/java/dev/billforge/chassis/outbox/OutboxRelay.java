package dev.billforge.chassis.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.events.EventEnvelope;

/**
 * Moves committed outbox rows to Kafka. Each pass claims a batch with {@code FOR UPDATE SKIP LOCKED} and a lease (so
 * several replicas never send the same row concurrently), sends the batch in {@code seq} order, and marks the
 * acknowledged rows sent with one statement. A row whose send failed is retried after a short delay; while Kafka is
 * down, rows simply wait. Delivery is therefore at least once, and consumers deduplicate by event id.
 *
 * <p>A pass starts when Postgres says a transaction committed outbox rows: a trigger on the table sends
 * {@code NOTIFY <schema>_outbox} (delivered at commit, once per transaction), and the relay listens through the
 * reactive client's {@link PgSubscriber}. Idle, it costs nothing; busy, a hop waits for no timer. A slow sweep
 * ({@code billforge.outbox.sweep-interval}) catches rows whose notification was missed while the listening connection
 * was down, and rows whose send failed.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "billforge-outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool database;
    private final MutinyEmitter<String> kafka;
    private final ChassisConfig config;
    private final String claimSql;
    private final String markSentSql;
    private final String postponeSql;
    private final String purgeSql;
    private final String notifyChannel;
    private final AtomicBoolean relaying = new AtomicBoolean();
    private final AtomicBoolean woken = new AtomicBoolean();
    private Vertx vertx;
    private long timer;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public OutboxRelay(Pool database,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> kafka,
            ChassisConfig config) {
        this.database = database;
        this.kafka = kafka;
        this.config = config;
        String table = config.db().schema() + ".outbox_message";
        this.claimSql = "UPDATE " + table + " SET lease_until = now() + $1 * interval '1 millisecond', attempts = attempts + 1"
                + " WHERE id IN (SELECT id FROM " + table
                + " WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < now())"
                + " ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, seq, topic, message_key, payload";
        this.markSentSql = "UPDATE " + table + " SET sent_at = now(), lease_until = NULL WHERE id = ANY($1)";
        this.postponeSql = "UPDATE " + table
                + " SET lease_until = now() + $2 * interval '1 millisecond' WHERE id = ANY($1)";
        this.purgeSql = "DELETE FROM " + table + " WHERE sent_at < now() - $1 * interval '1 millisecond'";
        this.notifyChannel = config.db().schema() + "_outbox"; // see the chassis migration outbox_notify
    }

    /**
     * Listens for committed outbox rows and starts the sweep timer (a Vert.x timer: Quarkus' scheduler cannot run more
     * often than once a second, which tests want). Started once messaging is wired (this observer runs after the
     * messaging extension's), stopped before the pool closes.
     */
    void start(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        listen();
        this.timer = vertx.setPeriodic(config.outbox().sweepInterval().toMillis(), tick -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /**
     * Opens the listening connection. Once connected, the subscriber reconnects by itself (and catches up when it has
     * subscribed again); a first connection that fails is not retried by it, so this tries again with a new one.
     */
    private void listen() {
        Config settings = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(settings.getValue("quarkus.datasource.reactive.url",
                String.class));
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        PgSubscriber listener = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        listener.channel(notifyChannel).handler(payload -> wake())
                .subscribeHandler(this::wake); // (re)subscribed: catch up on what committed meanwhile
        subscriber = listener;
        listener.connect().subscribe().with(connected -> {
        }, failure -> {
            LOG.warnf("Not listening for outbox notifications (the sweep relays meanwhile); trying again in %s: %s",
                    config.outbox().sweepInterval(), failure.toString());
            listener.closeAndForget();
            if (!stopped) {
                vertx.setTimer(config.outbox().sweepInterval().toMillis(), tick -> listen());
            }
        });
    }

    /**
     * Starts a pass unless one is running; a wake-up during a pass makes it run again when done, so rows committed
     * while it was sending never wait for the sweep.
     */
    private void wake() {
        woken.set(true);
        if (!relaying.compareAndSet(false, true)) {
            return;
        }
        woken.set(false);
        relayOnce().subscribe().with(sent -> {
            relaying.set(false);
            if (sent >= config.outbox().batchSize() || woken.get()) {
                wake(); // a backlog, or rows committed meanwhile
            }
        }, failure -> {
            relaying.set(false);
            LOG.warnf("Outbox relay pass failed (retried on the next sweep): %s", failure.toString());
        });
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
        var headers = new RecordHeaders();
        headers.add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(row.getString("payload")).addMetadata(
                OutgoingKafkaRecordMetadata.<String> builder()
                        .withTopic(row.getString("topic"))
                        .withKey(row.getString("message_key"))
                        .withHeaders(headers)
                        .build());
        return kafka.sendMessage(message)
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
