package dev.billforge.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The event contract as another team reads it: {@code events/asyncapi.yaml} and the JSON Schemas it refers to, and
 * nothing of the producers' code. It answers, for a Kafka record, what in it breaks the contract.
 *
 * <p>The schemas are published under their {@code $id} ({@code https://schemas.billforge.dev/events/...}); that
 * address serves nothing here, so each {@code $id} is mapped to the file that declares it, in the directory the
 * document's envelope {@code $ref} leads to.
 */
final class PublishedEventContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What the document says of one message on a channel, and the schema of its record headers. */
    record Message(String type, String source, String dataschema, JsonSchema headers) {
    }

    /** One record as read: its type and tenant (when it has them) and everything in it that breaks the contract. */
    record Checked(String type, String tenant, List<String> problems) {
    }

    private final Map<String, List<Message>> messagesByTopic = new LinkedHashMap<>();
    private final JsonSchemaFactory schemas;
    private final Set<String> publishedSchemaIds;
    private final JsonSchema envelope;
    private final Map<String, JsonSchema> dataSchemas = new ConcurrentHashMap<>();

    private PublishedEventContract(JsonNode document, Path directory) {
        Path envelopeFile = null;
        for (JsonNode channel : document.path("channels")) {
            List<Message> messages = new ArrayList<>();
            for (JsonNode reference : channel.path("messages")) {
                JsonNode message = local(document, reference.path("$ref").asText());
                JsonNode payload = message.at("/payload/schema");
                // The document writes each message's payload as the envelope, plus what this message fixes in it.
                Path envelopeOfMessage = directory.resolve(payload.at("/allOf/0/$ref").asText()).normalize();
                if (envelopeFile != null && !envelopeFile.equals(envelopeOfMessage)) {
                    throw new IllegalStateException("Messages in " + directory + " use different envelopes");
                }
                envelopeFile = envelopeOfMessage;
                JsonNode fixed = payload.at("/allOf/1/properties");
                JsonNode headers = local(document, message.at("/headers/$ref").asText());
                messages.add(new Message(fixed.at("/type/const").asText(), fixed.at("/source/const").asText(),
                        fixed.at("/dataschema/const").asText(),
                        // AsyncAPI's own schema format: JSON Schema draft 7, give or take keywords these do not use
                        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(headers)));
            }
            messagesByTopic.put(channel.path("address").asText(), List.copyOf(messages));
        }
        if (envelopeFile == null) {
            throw new IllegalStateException("The document describes no message");
        }
        Map<String, String> files = filesById(envelopeFile.getParent());
        publishedSchemaIds = files.keySet();
        schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mappings(files)));
        envelope = schemas.getSchema(SchemaLocation.of(read(envelopeFile, JSON).path("$id").asText()));
    }

    static PublishedEventContract read(Path document) {
        Path file = document.toAbsolutePath().normalize();
        return new PublishedEventContract(read(file, YAML), file.getParent());
    }

    /** The Kafka topics the document describes, one per channel. */
    Set<String> topics() {
        return messagesByTopic.keySet();
    }

    /**
     * Checks a record of a documented topic: its value is an envelope valid under {@code envelope.json}; its data is
     * valid under the schema its {@code dataschema} names; its type is one the document puts on this topic, with that
     * message's {@code dataschema} and producer ({@code source}); its headers are the documented ones; its key is the
     * envelope's {@code subject}.
     */
    Checked check(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return new Checked(null, null, List.of("no value (a tombstone); events are never deleted"));
        }
        JsonNode event;
        try {
            event = JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            return new Checked(null, null, List.of("value is not JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        envelope.validate(event).forEach(error -> problems.add("envelope: " + error.getMessage()));

        String type = event.path("type").asText();
        String dataschema = event.path("dataschema").asText();
        Optional<Message> documented = messagesByTopic.get(record.topic()).stream()
                .filter(message -> message.type().equals(type)).findFirst();
        if (documented.isEmpty()) {
            problems.add("type '" + type + "' is not a message the document puts on topic " + record.topic());
        } else {
            Message message = documented.get();
            if (!message.dataschema().equals(dataschema)) {
                problems.add("dataschema " + dataschema + ", but the document says " + message.dataschema());
            }
            if (!message.source().equals(event.path("source").asText())) {
                problems.add("source " + event.path("source") + ", but the document's producer is " + message.source());
            }
            message.headers().validate(headersOf(record, problems))
                    .forEach(error -> problems.add("headers: " + error.getMessage()));
        }
        if (publishedSchemaIds.contains(dataschema)) {
            Set<ValidationMessage> errors = dataSchemas
                    .computeIfAbsent(dataschema, id -> schemas.getSchema(SchemaLocation.of(id)))
                    .validate(event.path("data"));
            errors.forEach(error -> problems.add("data: " + error.getMessage()));
        } else {
            problems.add("dataschema " + dataschema + " names no published schema");
        }
        if (!Objects.equals(record.key(), event.path("subject").asText(null))) {
            problems.add("key " + record.key() + " is not the subject " + event.path("subject"));
        }
        return new Checked(type, event.path("tenantid").asText(null), problems);
    }

    /** The record's headers as a JSON object (name to UTF-8 text), as the document's headers schema describes them. */
    private static ObjectNode headersOf(ConsumerRecord<String, String> record, List<String> problems) {
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            if (headers.has(header.key())) {
                problems.add("header " + header.key() + " appears more than once");
            }
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Each published schema's {@code $id}, mapped to the file that declares it. */
    private static Map<String, String> filesById(Path directory) {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> schemaFiles = Files.list(directory)) {
            schemaFiles.filter(file -> file.toString().endsWith(".json")).forEach(file -> {
                String id = read(file, JSON).path("$id").asText();
                if (!id.isEmpty()) {
                    files.put(id, file.toUri().toString());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(files);
    }

    /** A {@code #/...} reference within the document. */
    private static JsonNode local(JsonNode document, String reference) {
        JsonNode target = document.at(JsonPointer.compile(reference.substring(reference.indexOf('#') + 1)));
        if (target.isMissingNode()) {
            throw new IllegalStateException("The document refers to " + reference + ", which it does not have");
        }
        return target;
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
