package dev.billforge.notification.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;

/**
 * A tenant's URL that receives the billing events it subscribed to, each delivery signed with the endpoint's own
 * secret. The secret is stored sealed (see {@code SecretCipher}); it is shown once, when the endpoint is created.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint implements PageCursor {

    /** Subscribes to every event type, including ones added later. */
    public static final String ALL_EVENTS = "*";

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(nullable = false, updatable = false)
    private String url;
    @Column(updatable = false)
    private String description;
    @Column(name = "event_types", nullable = false, updatable = false)
    private String eventTypes;
    @Column(name = "key_id", nullable = false, updatable = false)
    private String keyId;
    @Column(name = "signing_secret", nullable = false, updatable = false)
    private String sealedSecret;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected WebhookEndpoint() {
        // for Hibernate
    }

    public static WebhookEndpoint create(UUID id, String tenantId, String url, String description,
            List<String> eventTypes, String keyId, String sealedSecret, Instant now) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = id;
        endpoint.tenantId = tenantId;
        endpoint.url = url;
        endpoint.description = description;
        endpoint.eventTypes = String.join(",", eventTypes);
        endpoint.keyId = keyId;
        endpoint.sealedSecret = sealedSecret;
        endpoint.createdAt = now;
        return endpoint;
    }

    /** What the secret is sealed for: a sealed secret copied to another endpoint does not open. */
    public static String sealingContext(String tenantId, UUID endpointId) {
        return tenantId + "/webhook_endpoint/" + endpointId;
    }

    public boolean wants(String eventType) {
        return !isDeleted() && eventTypes().stream().anyMatch(type -> type.equals(ALL_EVENTS) || type.equals(eventType));
    }

    public void delete(Instant now) {
        if (deletedAt == null) {
            deletedAt = now;
        }
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String url() {
        return url;
    }

    public String description() {
        return description;
    }

    public List<String> eventTypes() {
        return Arrays.asList(eventTypes.split(","));
    }

    public String keyId() {
        return keyId;
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }
}
