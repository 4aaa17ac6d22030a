package dev.billforge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keeps {@code events/asyncapi.yaml}, the document other teams read, in agreement with {@link EventCatalog}, what
 * the services publish through: a type added to the catalog without its channel, or a channel or message the catalog
 * does not have, fails here, and so does a {@code $ref} that leads nowhere.
 */
class AsyncApiDocumentTest {

    /** The services that publish events (each publishes as its own {@code source}, {@code /<service>}). */
    private static final Set<String> SERVICES = Set.of("customer-service", "subscription-service",
            "invoicing-service", "payment-service", "notification-service");
    private static final String SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12";
    private static final String SCHEMA_REF_PREFIX = "./src/main/resources/" + EventType.SCHEMA_RESOURCE_DIR;

    private static final ContractFiles FILES = new ContractFiles();
    private static JsonNode document;

    @BeforeAll
    static void readDocument() {
        document = FILES.read(ContractFiles.ASYNCAPI);
    }

    @Test
    void describesStructuredCloudEventsWithTheHeadersTheRelayWrites() {
        assertEquals("3.0.0", document.path("asyncapi").asText());
        assertEquals(EventEnvelope.STRUCTURED_CONTENT_TYPE, document.path("defaultContentType").asText());
        JsonNode headers = document.at("/components/schemas/kafkaRecordHeaders");
        assertEquals(EventEnvelope.STRUCTURED_CONTENT_TYPE, headers.at("/properties/content-type/const").asText(),
                "the content-type header OutboxRelay writes on every record");
        assertEquals(List.of("content-type"), texts(headers.path("required")),
                "traceparent is there only when tracing is on, so only content-type is required");
        assertFalse(headers.at("/properties/traceparent/pattern").isMissingNode(), "traceparent is documented");
    }

    @Test
    void everyCatalogedTypeHasAChannelOnItsTopicWithItsMessageAndSchema() {
        for (EventType<?> type : EventCatalog.ALL) {
            List<String> channels = new ArrayList<>();
            document.path("channels").properties().forEach(channel -> {
                if (type.topic().equals(channel.getValue().path("address").asText())) {
                    channels.add(channel.getKey());
                }
            });
            assertEquals(1, channels.size(), "channels with address " + type.topic() + ": " + channels);
            String channelId = channels.get(0);

            String messageId = type.name() + ".v" + type.version();
            JsonNode message = message(channelId, messageId)
                    .orElseThrow(() -> new AssertionError("channel " + channelId + " has no message " + messageId));
            assertEquals(type.name(), message.path("name").asText(), messageId + " name (the CloudEvents type)");
            assertEquals(EventEnvelope.STRUCTURED_CONTENT_TYPE, message.path("contentType").asText(), messageId);
            assertEquals("#/components/schemas/kafkaRecordHeaders", message.at("/headers/$ref").asText(), messageId);
            assertFalse(message.at("/bindings/kafka/key").isMissingNode(), messageId + " documents its record key");

            assertEquals(SCHEMA_FORMAT, message.at("/payload/schemaFormat").asText(), messageId);
            JsonNode envelope = message.at("/payload/schema/allOf/0/$ref");
            assertEquals(SCHEMA_REF_PREFIX + "envelope.json", envelope.asText(), messageId + " envelope");
            JsonNode attributes = message.at("/payload/schema/allOf/1/properties");
            assertEquals(type.name(), attributes.at("/type/const").asText(), messageId + " type");
            assertEquals(type.schemaUri(), attributes.at("/dataschema/const").asText(), messageId + " dataschema");
            String data = attributes.at("/data/$ref").asText();
            assertEquals(SCHEMA_REF_PREFIX + Path.of(type.schemaResource()).getFileName(), data, messageId + " data");
            Path schemaFile = ContractFiles.ASYNCAPI.toAbsolutePath().getParent().resolve(data).normalize();
            assertTrue(Files.isRegularFile(schemaFile), messageId + " data schema " + schemaFile);
            assertEquals(type.schemaUri(), FILES.read(schemaFile).path("$id").asText(),
                    messageId + " data schema's $id is the dataschema the envelope names");
        }
    }

    @Test
    void everyChannelAndMessageInTheDocumentIsCataloged() {
        Set<String> referencedMessages = new HashSet<>();
        document.path("channels").properties().forEach(channel -> {
            String address = channel.getValue().path("address").asText();
            assertTrue(EventCatalog.ALL.stream().anyMatch(type -> type.topic().equals(address)),
                    "channel " + channel.getKey() + " is on " + address + ", a topic no cataloged type uses");
            assertTrue(channel.getValue().path("messages").size() > 0, "channel " + channel.getKey() + " has no message");
            channel.getValue().path("messages").properties().forEach(entry -> {
                JsonNode message = FILES.resolve(ContractFiles.ASYNCAPI, entry.getValue().path("$ref").asText()).node();
                String dataschema = message.at("/payload/schema/allOf/1/properties/dataschema/const").asText();
                EventType<?> type = EventCatalog.ALL.stream().filter(t -> t.schemaUri().equals(dataschema)).findFirst()
                        .orElseThrow(() -> new AssertionError("message " + entry.getKey() + " on " + address
                                + " has dataschema " + dataschema + ", which no cataloged type version has"));
                assertEquals(type.name(), message.path("name").asText(), entry.getKey());
                assertEquals(type.name() + ".v" + type.version(), entry.getKey(), "message id");
                assertEquals(type.topic(), address, type.name() + " v" + type.version() + " is published on");
                referencedMessages.add(entry.getValue().path("$ref").asText());
            });
        });
        document.path("components").path("messages").properties().forEach(message -> assertTrue(
                referencedMessages.contains("#/components/messages/" + message.getKey()),
                "message " + message.getKey() + " is on no channel"));
        assertEquals(EventCatalog.ALL.size(), referencedMessages.size(), "one message per cataloged type version");
    }

    @Test
    void everyChannelHasOneProducingServiceThatSendsOnlyItsMessages() {
        document.path("channels").properties().forEach(channel -> {
            String channelRef = "#/channels/" + channel.getKey();
            List<JsonNode> sends = new ArrayList<>();
            document.path("operations").forEach(operation -> {
                if (channelRef.equals(operation.at("/channel/$ref").asText())) {
                    sends.add(operation);
                }
            });
            assertEquals(1, sends.size(), channel.getKey() + ": one operation, its producer's");
            JsonNode send = sends.get(0);
            assertEquals("send", send.path("action").asText(), channel.getKey());
            List<String> producers = texts(send.path("tags").findValues("name"));
            assertEquals(1, producers.size(), channel.getKey() + " producers " + producers);
            String producer = producers.get(0);
            assertTrue(SERVICES.contains(producer), channel.getKey() + " is produced by " + producer);

            for (JsonNode ref : send.path("messages")) {
                String messageRef = ref.path("$ref").asText();
                assertTrue(messageRef.startsWith(channelRef + "/messages/"),
                        messageRef + ": an operation sends only its channel's messages");
                JsonNode message = FILES.resolve(ContractFiles.ASYNCAPI,
                        FILES.resolve(ContractFiles.ASYNCAPI, messageRef).node().path("$ref").asText()).node();
                assertEquals("/" + producer, message.at("/payload/schema/allOf/1/properties/source/const").asText(),
                        messageRef + ": the envelope's source is its producer");
            }
            assertEquals(channel.getValue().path("messages").size(), send.path("messages").size(),
                    channel.getKey() + ": its producer sends every message of it");
        });
        assertEquals(document.path("channels").size(), document.path("operations").size(),
                "an operation per channel, no other");
    }

    /**
     * Every {@code $ref} in the document resolves, and so does every {@code $ref} in the schema files it leads to
     * (to {@code definitions.json} and within it): a consumer's tooling follows all of them.
     */
    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        Set<Path> visited = new HashSet<>();
        checkReferences(ContractFiles.ASYNCAPI.toAbsolutePath().normalize(), visited, broken);
        assertTrue(broken.isEmpty(), "unresolved $ref: " + broken);
        assertTrue(visited.size() > EventCatalog.ALL.size() + 2, "followed into the schema files: " + visited);
    }

    private static void checkReferences(Path file, Set<Path> visited, List<String> broken) {
        if (!visited.add(file)) {
            return;
        }
        for (JsonNode holder : FILES.read(file).findParents("$ref")) {
            String ref = holder.path("$ref").asText();
            ContractFiles.Target target;
            try {
                target = FILES.resolve(file, ref);
            } catch (AssertionError missingFile) {
                broken.add(missingFile.getMessage());
                continue;
            }
            if (target.node().isMissingNode()) {
                broken.add(file.getFileName() + ": " + ref);
            } else if (!target.file().equals(file)) {
                checkReferences(target.file(), visited, broken);
            }
        }
    }

    private static Optional<JsonNode> message(String channelId, String messageId) {
        JsonNode ref = document.path("channels").path(channelId).path("messages").path(messageId).path("$ref");
        if (ref.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode message = FILES.resolve(ContractFiles.ASYNCAPI, ref.asText()).node();
        if (message.isMissingNode()) {
            fail(channelId + "'s message " + messageId + " refers to " + ref.asText() + ", which is not there");
        }
        return Optional.of(message);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }
}
