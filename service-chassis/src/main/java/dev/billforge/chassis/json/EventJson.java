package dev.billforge.chassis.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;

/**
 * Reads and writes event envelopes. Separate from the REST ObjectMapper on purpose: the API rejects unknown
 * fields, but an event consumer must tolerate fields added by a newer producer (the contract's versioning rule).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventJson() {
    }

    public static String write(EventEnvelope<?> envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + envelope.type() + " cannot be serialized", e);
        }
    }

    /** Parses an envelope leaving {@code data} as a tree; throws {@link MalformedEventException} on garbage. */
    public static EventEnvelope<JsonNode> read(String json) {
        try {
            EventEnvelope<JsonNode> envelope = MAPPER.readValue(json,
                    MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, JsonNode.class));
            if (envelope == null || envelope.id() == null || envelope.type() == null || envelope.tenantid() == null) {
                throw new MalformedEventException("event lacks id, type or tenantid");
            }
            return envelope;
        } catch (IOException e) {
            throw new MalformedEventException("event is not a JSON CloudEvent: " + e.getMessage());
        }
    }

    /** The envelope's data as the record its type names. */
    public static <T> T data(EventEnvelope<JsonNode> envelope, EventType<T> type) {
        if (!type.name().equals(envelope.type())) {
            throw new MalformedEventException("expected " + type.name() + " but got " + envelope.type());
        }
        try {
            return MAPPER.treeToValue(envelope.data(), type.dataClass());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(type.name() + " data does not match its schema: " + e.getOriginalMessage());
        }
    }

    /**
     * A part of an event (a snapshot a consumer keeps, say) as the event's JSON, to store and read back with
     * {@link #readPart}: the contract's field names and formats, and tolerant of fields a newer producer added.
     */
    public static String writePart(Object part) {
        try {
            return MAPPER.writeValueAsString(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(part.getClass().getSimpleName() + " cannot be serialized", e);
        }
    }

    /** Reads back what {@link #writePart} wrote. */
    public static <T> T readPart(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    /** An event that can never be processed, however often it is redelivered: it belongs on the dead-letter topic. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }

}
