package dev.billforge.chassis.telemetry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import dev.billforge.chassis.config.ChassisConfig;

/**
 * Every service's pipeline health, and the money that went through it, as Prometheus reads them:
 * <ul>
 * <li>{@code billforge_outbox_backlog} (events committed, not yet acknowledged by Kafka) and
 * {@code billforge_outbox_oldest_age_seconds} (how long the oldest of them has waited, in real time);</li>
 * <li>{@code billforge_events_published_total{type}} and {@code billforge_events_dead_lettered_total{topic}};</li>
 * <li>{@code billforge_invoiced_minor_units_total{currency}} (invoices finalized: amount due),
 * {@code billforge_collected_minor_units_total{currency}} (payments captured),
 * {@code billforge_refunded_minor_units_total{currency}}, and {@code billforge_payments_total{provider, outcome}}.</li>
 * </ul>
 * The money is counted from the events as the broker acknowledges them: after the commit, whichever code path made
 * the change, and at least once (a relay pass that dies between the send and marking the row sent counts its events
 * again). Labels are bounded: event types, topics, ISO 4217 codes, providers; never a tenant, customer or invoice id.
 */
@Startup // the gauges exist from the start, in a service that never publishes too
@ApplicationScoped
public class PipelineMetrics {

    private static final Logger LOG = Logger.getLogger(PipelineMetrics.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry registry;
    private final Pool database;
    private final String backlogSql;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<QueryGauge> queryGauges = new CopyOnWriteArrayList<>();

    public PipelineMetrics(MeterRegistry registry, Pool database, ChassisConfig config) {
        this.registry = registry;
        this.database = database;
        // enqueued_at is the database's clock, not the tenant's business clock (test clocks move that one).
        this.backlogSql = "SELECT count(*) AS backlog, coalesce(extract(epoch FROM now() - min(enqueued_at)), 0)"
                + "::bigint AS oldest FROM " + config.db().schema() + ".outbox_message WHERE sent_at IS NULL";
        Gauge.builder("billforge.outbox.backlog", backlog, AtomicLong::get)
                .description("Events committed to the outbox and not yet acknowledged by Kafka").register(registry);
        Gauge.builder("billforge.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unsent outbox event has waited").register(registry);
    }

    /**
     * A gauge of a service's own queue (the invoices in dunning, say), read with {@code countSql} (one row, one
     * number, across all tenants) as often as the outbox backlog.
     */
    public void gaugeOfQuery(String name, String description, String countSql) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
        queryGauges.add(new QueryGauge(countSql, value));
    }

    /** Reads the gauges' queries; a reading that fails keeps the last value (the database will be back). */
    @Scheduled(every = "${billforge.telemetry.refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshGauges() {
        Uni<Void> outbox = database.query(backlogSql).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            backlog.set(row.getLong("backlog"));
            oldestAgeSeconds.set(row.getLong("oldest"));
        }).replaceWithVoid();
        // The outbox first, and each reading on its own: one failing query never freezes the others.
        return readOrKeep(outbox).chain(() -> Multi.createFrom().iterable(queryGauges)
                .onItem().transformToUniAndConcatenate(gauge -> readOrKeep(database.query(gauge.sql()).execute()
                        .invoke(rows -> gauge.value().set(rows.iterator().next().getLong(0))).replaceWithVoid()))
                .collect().last().replaceWithVoid());
    }

    private static Uni<Void> readOrKeep(Uni<Void> reading) {
        return reading.onFailure().invoke(failure -> LOG.debugf("A pipeline gauge was not read: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** An event the broker acknowledged: counted by type, and its money by currency. */
    public void published(String eventType, String envelopeJson) {
        count("billforge.events.published", "Events published to Kafka, by type", "type", eventType, 1);
        if (!eventType.equals("invoice.finalized") && !eventType.startsWith("payment.")) {
            return;
        }
        try {
            JsonNode data = JSON.readTree(envelopeJson).path("data");
            switch (eventType) {
                case "invoice.finalized" -> money("invoiced", data.path("invoice"), "amount_due");
                case "payment.succeeded" -> {
                    money("collected", data.path("payment"), "amount");
                    payment(data.path("payment"), "succeeded");
                }
                case "payment.failed" -> payment(data.path("payment"), "failed");
                case "payment.action_required" -> payment(data.path("payment"), "action_required");
                case "payment.refunded" -> money("refunded", data.path("refund"), "amount");
                default -> {
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            LOG.debugf("Event %s not counted: %s", eventType, unreadable.toString());
        }
    }

    /**
     * A topic the service consumes: its dead-letter counter exists at 0 from then on, so that an alert on its
     * increase sees the first dead letter.
     */
    public void consumes(String topic) {
        deadLetters(topic);
    }

    /** A record a consumer could not apply, parked on its dead-letter topic. */
    public void deadLettered(String topic) {
        deadLetters(topic).increment();
    }

    private Counter deadLetters(String topic) {
        return counters.computeIfAbsent("billforge.events.dead_lettered/" + topic, key -> Counter
                .builder("billforge.events.dead_lettered")
                .description("Records parked on the dead-letter topic, by the topic they came from")
                .tag("topic", topic).register(registry));
    }

    private void money(String flow, JsonNode object, String amountField) {
        long amount = object.path(amountField).asLong();
        if (amount > 0) {
            count("billforge." + flow + ".minor_units", "Money " + flow + ", in the currency's minor unit", "currency",
                    object.path("currency").asText("unknown"), amount);
        }
    }

    private void payment(JsonNode payment, String outcome) {
        String provider = payment.path("provider").asText("unknown");
        // Succeeded and failed exist together per provider, so the failure-rate alert sees the first failure.
        paymentCounter(provider, "succeeded");
        paymentCounter(provider, "failed");
        paymentCounter(provider, outcome).increment();
    }

    private Counter paymentCounter(String provider, String outcome) {
        return counters.computeIfAbsent("payments/" + provider + '/' + outcome, key -> Counter
                .builder("billforge.payments").description("Payment attempts settled, by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome).register(registry));
    }

    private record QueryGauge(String sql, AtomicLong value) {
    }

    private void count(String name, String description, String label, String value, long amount) {
        counters.computeIfAbsent(name + '/' + value, key -> Counter.builder(name).description(description)
                .tag(label, value).register(registry)).increment(amount);
    }
}
