package dev.billforge.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope is the Kafka record value and the
 * aggregate id ({@code subject}) is the Kafka record key, so all events of one customer, subscription or
 * invoice stay in order on one partition.
 *
 * <p>{@code tenantid} is a CloudEvents extension attribute (lower-case alphanumerics only, as the spec requires).
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique per event; consumers deduplicate on it, because Kafka delivers at least once
 * @param type the event type, for example {@code customer.created}; see {@link EventType}
 * @param source the producing service, for example {@code /customer-service}
 * @param subject the aggregate id the event is about (also the Kafka key)
 * @param time when the state change happened (the producer's business clock), UTC
 * @param tenantid the tenant that owns the aggregate
 * @param datacontenttype always {@code application/json}
 * @param dataschema identifies the JSON Schema (type and version) that {@code data} conforms to
 * @param data the event body, one of the records named by {@link EventType#dataClass()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
        String specversion,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String tenantid,
        String datacontenttype,
        String dataschema,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Kafka {@code content-type} header value for structured-mode CloudEvents. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static <T> EventEnvelope<T> of(EventType<T> type, String id, String source, String subject,
            Instant time, String tenantId, T data) {
        return new EventEnvelope<>(SPEC_VERSION, id, type.name(), source, subject, time, tenantId,
                DATA_CONTENT_TYPE, type.schemaUri(), data);
    }
}
