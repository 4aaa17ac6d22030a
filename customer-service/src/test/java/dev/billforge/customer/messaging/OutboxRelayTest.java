package dev.billforge.customer.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.events.Topics;
import dev.billforge.localstack.KafkaBroker;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * The transactional outbox against a real outage: with the broker stopped the API still commits customers, their
 * events wait in the outbox, and once the broker is back each event reaches its topic exactly once.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class OutboxRelayTest {

    @Inject
    Pool database;

    @Test
    void eventsCreatedWhileKafkaIsDownArriveOnceItIsBack() {
        String tenant = "outbox-" + UUID.randomUUID();
        KafkaBroker broker = KafkaTestResource.broker();
        String id;
        broker.stop();
        try {
            id = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                    .body("{\"billing_email\":\"outage@example.com\"}").post("/v1/customers").then()
                    .statusCode(201).extract().path("id");

            // The relay has claimed the event and tried; without a broker it cannot be marked sent.
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRow(id).getInteger("attempts") >= 1);
            assertEquals(null, outboxRow(id).getOffsetDateTime("sent_at"));
        } finally {
            broker.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> outboxRow(id).getOffsetDateTime("sent_at") != null);
        try (KafkaTopicReader reader = new KafkaTopicReader(Topics.CUSTOMER_CREATED)) {
            List<KafkaTopicReader.Record> mine = reader.awaitKey(id, Duration.ofSeconds(30), Duration.ofSeconds(3));
            assertEquals(1, mine.size(), "the event reached the topic exactly once");
        }
    }

    private Row outboxRow(String customerId) {
        return database.preparedQuery("SELECT attempts, sent_at FROM customer.outbox_message"
                + " WHERE message_key = $1 AND event_type = 'customer.created'")
                .execute(Tuple.of(customerId)).await().atMost(Duration.ofSeconds(5)).iterator().next();
    }
}
