package dev.billforge.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.billforge.events.EventType;
import dev.billforge.testsupport.KafkaTopicReader;

/** Reads what payment-service published from the real broker and checks it against the published contract. */
public final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_ID_BASE,
                    "classpath:" + EventType.SCHEMA_RESOURCE_DIR)));

    private PublishedEvents() {
    }

    /**
     * Waits for the payment's event on {@code topic}, checks no second one follows and that it keeps the published
     * contract (envelope and data schemas), and returns the whole event.
     */
    public static JsonNode only(String topic, String paymentId) {
        return exactly(topic, paymentId, 1).get(0);
    }

    /**
     * Waits for the payment's events on {@code topic}, checks that there are exactly {@code count} (none follows
     * within a second) and that each keeps the published contract; returns them oldest first.
     */
    public static List<JsonNode> exactly(String topic, String paymentId, int count) {
        try (KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            List<KafkaTopicReader.Record> mine = reader.awaitKey(paymentId, count, DEADLINE,
                    Duration.ofSeconds(1));
            assertEquals(count, mine.size(), count + " " + topic + " event(s) for " + paymentId);
            List<JsonNode> events = new ArrayList<>();
            for (KafkaTopicReader.Record record : mine) {
                JsonNode event = JSON.readTree(record.value());
                assertValid(SCHEMAS.getSchema(SchemaLocation.of(EventType.SCHEMA_ID_BASE + "envelope.json")), event);
                assertValid(SCHEMAS.getSchema(SchemaLocation.of(event.get("dataschema").asText())), event.get("data"));
                assertEquals(topic, event.get("type").asText());
                assertEquals(paymentId, event.get("subject").asText());
                events.add(event);
            }
            return events;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertValid(JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), errors + " in " + node);
    }
}
