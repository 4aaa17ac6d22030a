package dev.billforge.subscription.messaging;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.customer.CustomerUpdated;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * The chassis customer directory as this service runs it: fed by customer.* events, idempotent, and immune to
 * events arriving out of order (they travel on three topics, so Kafka does not order them).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class CustomerDirectoryTest {

    private static final String GROUP = "subscription-service";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    dev.billforge.chassis.secrets.PersonalData personalData;
    @Inject
    Pool database;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final UUID customer = TimeOrderedIds.next();
    private final Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private CustomerSnapshot snapshot(String email) {
        return new CustomerSnapshot(customer, email, "Ada", null, null, null, null, Map.of(), created, created);
    }

    private <T> EventEnvelope<T> event(dev.billforge.events.EventType<T> type, T data, Instant at) {
        return EventEnvelope.of(type, UUID.randomUUID().toString(), "/customer-service", customer.toString(), at,
                tenant, data);
    }

    private Object known(String column) {
        var rows = database.preparedQuery("SELECT " + column + " FROM subscription.known_customer"
                + " WHERE tenant_id = $1 AND customer_id = $2").execute(Tuple.of(tenant, customer))
                .await().atMost(Duration.ofSeconds(5));
        Object stored = rows.size() == 0 ? null : rows.iterator().next().getValue(0);
        if (stored instanceof String text && ("billing_email".equals(column) || "name".equals(column))) {
            assertTrue(text.isEmpty() || text.startsWith("pd1:"), column + " is sealed at rest: " + text);
            return personalData.open(text);
        }
        return stored;
    }

    private long processed(String eventId) {
        return database.preparedQuery("SELECT count(*) FROM subscription.inbox_event WHERE consumer = 'customer-directory'"
                + " AND event_id = $1").execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private void awaitAllConsumed() {
        for (String topic : new String[] { Topics.CUSTOMER_CREATED, Topics.CUSTOMER_UPDATED, Topics.CUSTOMER_DELETED }) {
            KafkaEvents.awaitConsumed(GROUP, topic, DEADLINE);
        }
    }

    @Test
    void theSameEventTwiceIsAppliedOnce() {
        var createdEvent = event(EventCatalog.CUSTOMER_CREATED, new CustomerCreated(snapshot("ada@example.com")), created);
        KafkaEvents.publish(createdEvent);
        KafkaEvents.publish(createdEvent);
        awaitAllConsumed();
        assertEquals(1, processed(createdEvent.id()));
        assertEquals("ada@example.com", known("billing_email"));
    }

    @Test
    void anOlderEventArrivingLateDoesNotOverwriteANewerOne() {
        KafkaEvents.publish(event(EventCatalog.CUSTOMER_UPDATED,
                new CustomerUpdated(snapshot("new@example.com"), java.util.List.of("billing_email")),
                created.plusSeconds(10)));
        awaitAllConsumed();
        KafkaEvents.publish(event(EventCatalog.CUSTOMER_CREATED, new CustomerCreated(snapshot("old@example.com")),
                created));
        awaitAllConsumed();
        assertEquals("new@example.com", known("billing_email"));
    }

    @Test
    void aDeletionIsFinalWhateverOrderTheEventsArriveIn() {
        KafkaEvents.publish(event(EventCatalog.CUSTOMER_DELETED, new CustomerDeleted(customer, created.plusSeconds(5)),
                created.plusSeconds(5)));
        awaitAllConsumed();
        KafkaEvents.publish(event(EventCatalog.CUSTOMER_CREATED, new CustomerCreated(snapshot("ada@example.com")),
                created));
        awaitAllConsumed();
        assertEquals(created.plusSeconds(5), ((java.time.OffsetDateTime) known("deleted_at")).toInstant());

        String plan = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"name\": \"Gold\", \"amount\": 1999, \"currency\": \"USD\", \"interval\": \"month\"}")
                .post("/v1/plans").then().statusCode(201).extract().path("id");
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan + "\"}")
                .post("/v1/subscriptions").then(), 404, "customer_not_found");
    }
}
