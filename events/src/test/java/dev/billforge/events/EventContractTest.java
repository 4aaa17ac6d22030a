package dev.billforge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.customer.CustomerUpdated;
import dev.billforge.events.customer.PostalAddress;

/** Keeps the records and the published JSON Schemas in agreement: a drift on either side fails here. */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_ID_BASE,
                    "classpath:" + EventType.SCHEMA_RESOURCE_DIR)));

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
    private static final CustomerSnapshot CUSTOMER = new CustomerSnapshot(UUID.randomUUID(), "ada@example.com",
            "Ada Lovelace", "user-1", "pm_123", new PostalAddress("1 Main St", null, "London", null, "N1 9GU", "GB"),
            "GB", Map.of("plan", "gold"), NOW, NOW);

    private static final Map<EventType<?>, Object> SAMPLES = Map.of(
            EventCatalog.CUSTOMER_CREATED, new CustomerCreated(CUSTOMER),
            EventCatalog.CUSTOMER_UPDATED, new CustomerUpdated(CUSTOMER, List.of("billing_email", "name")),
            EventCatalog.CUSTOMER_DELETED, new CustomerDeleted(CUSTOMER.id(), NOW));

    @Test
    void everyCatalogedTypeHasASampleAndASchemaOnTheClasspath() {
        for (EventType<?> type : EventCatalog.ALL) {
            assertTrue(SAMPLES.containsKey(type), "no sample for " + type.name());
            assertNotNull(getClass().getClassLoader().getResource(type.schemaResource()), type.schemaResource());
        }
    }

    @Test
    void everySampleSerializesToItsSchemaInsideAValidEnvelope() throws Exception {
        JsonSchema envelopeSchema = SCHEMAS.getSchema(SchemaLocation.of(EventType.SCHEMA_ID_BASE + "envelope.json"));
        for (var sample : SAMPLES.entrySet()) {
            EventType<?> type = sample.getKey();
            JsonNode envelope = JSON.valueToTree(EventEnvelope.of(rawType(type), UUID.randomUUID().toString(),
                    "/customer-service", CUSTOMER.id().toString(), NOW, "tenant-a", sample.getValue()));

            assertValid(envelopeSchema, envelope, type.name() + " envelope");
            assertValid(SCHEMAS.getSchema(SchemaLocation.of(type.schemaUri())), envelope.get("data"), type.name());
        }
    }

    @Test
    void schemasRejectDataThatBreaksTheContract() throws Exception {
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of(EventCatalog.CUSTOMER_CREATED.schemaUri()));
        JsonNode withoutEmail = JSON.readTree("{\"customer\":{\"id\":\"" + CUSTOMER.id()
                + "\",\"metadata\":{},\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}}");
        assertEquals(1, schema.validate(withoutEmail).size());
    }

    @Test
    void recordsReadBackFromTheirSnakeCaseJson() throws Exception {
        String json = JSON.writeValueAsString(new CustomerCreated(CUSTOMER));
        assertTrue(json.contains("\"billing_email\":\"ada@example.com\""), json);
        assertEquals(CUSTOMER, JSON.readValue(json, CustomerCreated.class).customer());
    }

    private static void assertValid(JsonSchema schema, JsonNode node, String what) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), what + ": " + errors + " in " + node);
    }

    @SuppressWarnings("unchecked")
    private static <T> EventType<T> rawType(EventType<?> type) {
        return (EventType<T>) type;
    }
}
