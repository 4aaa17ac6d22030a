package dev.billforge.subscription.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;

import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.OnVertx;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * One trace per billing journey, as this service makes its part of it (tracing on, spans read from the SDK's
 * in-memory exporter): a request's trace leaves with the event it published, a consumed event's trace goes on into
 * what its effect publishes, and a bill-run renewal starts a trace of its own, linked from its batch.
 */
@QuarkusTest
@TestProfile(JourneyTracingTest.Traced.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class JourneyTracingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    /** Tracing as the chart's tracing.enabled turns it on, exporting at once. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @ApplicationScoped
    static class InMemorySpans {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;
    @Inject
    BillRun billRun;
    @Inject
    Vertx vertx;

    private final String tenant = "traced-" + UUID.randomUUID();

    @Test
    void aRequestsTraceLeavesWithTheEventItPublishes() {
        String traceId = newTraceId();
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_CREATED)) {
            UUID subscription = subscribe(traceParent(traceId));

            var record = reader.awaitKey(subscription.toString(), DEADLINE, Duration.ofMillis(200)).get(0);
            assertEquals(traceId, traceIdOf(record.headers().get("traceparent")), "the record carries the journey");
            SpanData publish = awaitSpan("subscription.created publish", traceId);
            assertEquals(SpanKind.PRODUCER, publish.getKind());
            assertTrue(record.headers().get("traceparent").contains(publish.getSpanId()),
                    "the consumer's parent is the producer span");
        }
    }

    @Test
    void aConsumedEventsTraceGoesOnIntoWhatItsEffectPublishes() {
        UUID subscription = subscribe(null);
        String traceId = newTraceId();
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_UPDATED)) {
            KafkaEvents.publish(invoicePaid(subscription), traceParent(traceId)); // the subscription turns active

            var record = reader.awaitKey(subscription.toString(), DEADLINE, Duration.ofMillis(200)).get(0);
            assertEquals(traceId, traceIdOf(record.headers().get("traceparent")));
            assertEquals(SpanKind.CONSUMER, awaitSpan("invoice.paid process", traceId).getKind());
        }
    }

    @Test
    void aBillRunRenewalStartsItsOwnTraceLinkedFromItsBatch() {
        UUID subscription = subscribe(null);
        KafkaEvents.publish(invoicePaid(subscription));
        Awaitility.await().atMost(DEADLINE).until(() -> "active".equals(field(subscription, "status")));
        Instant periodEnd = Instant.parse(field(subscription, "current_period_end"));
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_RENEWED)) {
            assertEquals(1, OnVertx.await(vertx, () -> billRun.run(DueScope.tenant(tenant, periodEnd.plusSeconds(1))))
                    .renewed());

            var record = reader.awaitKey(subscription.toString(), DEADLINE, Duration.ofMillis(200)).get(0);
            String renewalTrace = traceIdOf(record.headers().get("traceparent"));
            SpanData renewal = awaitSpan("subscription period end", renewalTrace);
            assertEquals(1, renewal.getLinks().size(), "linked from the batch that renewed it");
            String batchTrace = renewal.getLinks().get(0).getSpanContext().getTraceId();
            assertNotEquals(batchTrace, renewalTrace, "a trace of its own");
            assertEquals(renewal.getLinks().get(0).getSpanContext().getSpanId(),
                    awaitSpan("bill run batch", batchTrace).getSpanId());
        }
    }

    private SpanData awaitSpan(String name, String traceId) {
        try {
            return Awaitility.await(name + " in trace " + traceId).atMost(DEADLINE).until(() -> spans
                    .getFinishedSpanItems().stream()
                    .filter(span -> span.getName().equals(name) && span.getTraceId().equals(traceId)).findFirst()
                    .orElse(null), java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " not in trace " + traceId + "; finished spans: " + spans
                    .getFinishedSpanItems().stream().map(span -> span.getName() + " " + span.getTraceId() + "/"
                            + span.getSpanId() + " parent " + span.getParentSpanId()).toList(), e);
        }
    }

    private UUID subscribe(String traceParent) {
        String plan = asAdmin().body("{\"name\": \"Gold\", \"amount\": 1999, \"currency\": \"USD\", \"interval\": \"month\"}")
                .post("/v1/plans").then().statusCode(201).extract().path("id");
        UUID customer = CustomerAnnouncements.announce(tenant, "ada@example.com");
        RequestSpecification request = asAdmin();
        if (traceParent != null) {
            request = request.header("traceparent", traceParent);
        }
        String id = request.body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan + "\"}")
                .post("/v1/subscriptions").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private EventEnvelope<InvoicePaid> invoicePaid(UUID subscription) {
        Instant at = Instant.now();
        InvoiceSnapshot invoice = new InvoiceSnapshot(UUID.randomUUID(), "INV-000001", UUID.randomUUID(),
                subscription, "paid", "USD", 1999, 1999, 0, 1999L, 0L, 0L, 1, at.atZone(ZoneOffset.UTC).toLocalDate(),
                at, at, List.of(), at, at, at, InvoiceSnapshot.CHARGE_AUTOMATICALLY, null, null, null);
        return EventEnvelope.of(EventCatalog.INVOICE_PAID, UUID.randomUUID().toString(), "/invoicing-service",
                invoice.id().toString(), at, tenant, new InvoicePaid(invoice, null));
    }

    private String field(UUID subscription, String name) {
        return asAdmin().get("/v1/subscriptions/" + subscription).then().statusCode(200).extract().path(name);
    }

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private static String newTraceId() {
        return HEX.formatHex(new SecureRandom().generateSeed(16));
    }

    /** A sampled W3C traceparent of {@code traceId}, as a client (or the ingress) sends it. */
    private static String traceParent(String traceId) {
        return "00-" + traceId + "-" + HEX.formatHex(new SecureRandom().generateSeed(8)) + "-01";
    }

    private static String traceIdOf(String traceParent) {
        return traceParent == null ? null : traceParent.split("-")[1];
    }
}
