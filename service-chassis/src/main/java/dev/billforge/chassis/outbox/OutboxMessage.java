package dev.billforge.chassis.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import dev.billforge.chassis.secrets.SealedPersonalData;

/**
 * An event waiting to be relayed to Kafka, written in the same transaction as the state change it announces.
 * {@code seq} (filled by the database) orders the relay; {@code sent_at} is set only after the broker acknowledged.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    /** The CloudEvents id of the event. */
    @Id
    public UUID id;

    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String topic;

    /** The Kafka record key: the aggregate id. */
    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /**
     * The whole CloudEvents envelope as JSON, exactly as it will be published; stored sealed, as events may carry
     * personal data (customer.* carry the billing email). The relay opens it to publish it.
     */
    @Column(nullable = false)
    @Convert(converter = SealedPersonalData.class)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The W3C trace context of the journey that made the change (null untraced): the relay continues it. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "sent_at")
    public Instant sentAt;
}
