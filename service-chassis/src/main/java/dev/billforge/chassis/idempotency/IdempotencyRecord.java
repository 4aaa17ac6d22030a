package dev.billforge.chassis.idempotency;

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
 * The first successful response to a POST with an {@code Idempotency-Key}, stored in the same transaction as the
 * effect it describes, so "effect committed" and "key remembered" can never disagree.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "idempotency_key", nullable = false)
    public String key;

    /** SHA-256 over method, path and the canonical request body. */
    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(name = "response_status", nullable = false)
    public int responseStatus;

    /** The first answer, which may carry personal data (a customer's email): stored sealed. */
    @Column(name = "response_body", nullable = false)
    @Convert(converter = SealedPersonalData.class)
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
