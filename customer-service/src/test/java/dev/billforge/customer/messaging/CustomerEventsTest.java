package dev.billforge.customer.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.Topics;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** Reads the published events from the real broker, as another team's consumer would. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class CustomerEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "events-" + UUID.randomUUID();

    @Test
    void customerCreatedArrivesOnItsTopicInACloudEventsEnvelope() throws Exception {
        Instant before = Instant.now();
        String id = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"billing_email\":\"evt@example.com\",\"name\":\"Eve\",\"metadata\":{\"k\":\"v\"}}")
                .post("/v1/customers").then().statusCode(201).extract().path("id");

        KafkaTopicReader.Record record = only(Topics.CUSTOMER_CREATED, id);
        JsonNode event = JSON.readTree(record.value());

        assertEquals(id, record.key(), "the aggregate id is the Kafka key");
        assertEquals("application/cloudevents+json; charset=UTF-8", record.headers().get("content-type"));
        assertEquals("1.0", event.get("specversion").asText());
        assertNotNull(UUID.fromString(event.get("id").asText()));
        assertEquals("customer.created", event.get("type").asText());
        assertEquals("/customer-service", event.get("source").asText());
        assertEquals(id, event.get("subject").asText());
        assertEquals(tenant, event.get("tenantid").asText());
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertEquals(EventCatalog.CUSTOMER_CREATED.schemaUri(), event.get("dataschema").asText());
        Instant time = Instant.parse(event.get("time").asText());
        assertTrue(!time.isBefore(before.minusSeconds(1)), "event time is the change's time: " + time);
        JsonNode customer = event.get("data").get("customer");
        assertEquals(id, customer.get("id").asText());
        assertEquals("evt@example.com", customer.get("billing_email").asText());
        assertEquals("v", customer.get("metadata").get("k").asText());
    }

    @Test
    void updatesAndDeletesArePublishedWithWhatChanged() throws Exception {
        String id = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"billing_email\":\"upd@example.com\"}").post("/v1/customers").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"name\":\"Renamed\",\"tax_country\":\"DE\"}").patch("/v1/customers/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(tenant)).delete("/v1/customers/" + id).then().statusCode(200);

        JsonNode updated = JSON.readTree(only(Topics.CUSTOMER_UPDATED, id).value());
        assertEquals("customer.updated", updated.get("type").asText());
        assertEquals(List.of("name", "tax_country"),
                JSON.convertValue(updated.get("data").get("changed_fields"), List.class));
        assertEquals("Renamed", updated.get("data").get("customer").get("name").asText());

        JsonNode deleted = JSON.readTree(only(Topics.CUSTOMER_DELETED, id).value());
        assertEquals(id, deleted.get("data").get("customer_id").asText());
        assertNotNull(Instant.parse(deleted.get("data").get("deleted_at").asText()));
    }

    @Test
    void aPatchThatChangesNothingPublishesNothing() {
        String id = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"billing_email\":\"same@example.com\",\"name\":\"Same\"}").post("/v1/customers").then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON).body("{\"name\":\"Same\"}")
                .patch("/v1/customers/" + id).then().statusCode(200);
        // A later change to the same customer is published; nothing may stand before it on the topic.
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON).body("{\"name\":\"Other\"}")
                .patch("/v1/customers/" + id).then().statusCode(200);

        JsonNode updated = readTree(only(Topics.CUSTOMER_UPDATED, id).value());
        assertEquals("Other", updated.get("data").get("customer").get("name").asText());
    }

    /** Waits for the customer's record on the topic, then checks no second one follows. */
    private static KafkaTopicReader.Record only(String topic, String customerId) {
        try (KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            List<KafkaTopicReader.Record> mine = reader.awaitKey(customerId, DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, mine.size(), "exactly one " + topic + " event for " + customerId);
            return mine.get(0);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
