package dev.billforge.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.chassis.secrets.SealedPersonalData;

/**
 * One event on its way to one webhook endpoint: {@code pending} until the endpoint answers 2xx ({@code delivered}),
 * retried with exponential back-off in between, and {@code failed} once its retry window has passed. Its attempts
 * and the last answer stay on it, as the delivery log tenants read.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "endpoint_id", nullable = false, updatable = false)
    private UUID endpointId;
    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;
    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;
    /** The event as delivered; customer.* events carry the billing email, so it is sealed at rest. */
    @Column(nullable = false, updatable = false)
    @Convert(converter = SealedPersonalData.class)
    private String payload;
    @Column(nullable = false)
    @Convert(converter = WebhookDeliveryStatus.Column.class)
    private WebhookDeliveryStatus status;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    @Column(name = "last_status_code")
    private Integer lastStatusCode;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "replay_of", updatable = false)
    private UUID replayOf;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookDelivery() {
        // for Hibernate
    }

    /** An event queued for an endpoint, due at once. */
    public static WebhookDelivery queue(UUID id, WebhookEndpoint endpoint, String eventId, String eventType,
            String payload, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = id;
        delivery.tenantId = endpoint.tenantId();
        delivery.endpointId = endpoint.id();
        delivery.eventId = eventId;
        delivery.eventType = eventType;
        delivery.payload = payload;
        delivery.status = WebhookDeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /** The same event sent again, as a new delivery with its own log, due at once. */
    public WebhookDelivery replay(UUID newId, Instant now) {
        WebhookDelivery again = new WebhookDelivery();
        again.id = newId;
        again.tenantId = tenantId;
        again.endpointId = endpointId;
        again.eventId = eventId;
        again.eventType = eventType;
        again.payload = payload;
        again.status = WebhookDeliveryStatus.PENDING;
        again.nextAttemptAt = now;
        again.replayOf = id;
        again.createdAt = now;
        return again;
    }

    public boolean isPending() {
        return status == WebhookDeliveryStatus.PENDING;
    }

    /** The endpoint answered 2xx. */
    public void delivered(int statusCode, Instant now) {
        attempts++;
        status = WebhookDeliveryStatus.DELIVERED;
        lastStatusCode = statusCode;
        lastError = null;
        deliveredAt = now;
    }

    /**
     * The attempt failed (an error status, a timeout, a refused address): the next one waits twice as long as the
     * last, from {@code firstDelay} up to {@code maxDelay}; past {@code window} after the delivery was queued it is
     * given up as failed.
     *
     * @param statusCode the endpoint's answer, null when there was none
     */
    public void attemptFailed(Integer statusCode, String error, Instant now, Duration firstDelay, Duration maxDelay,
            Duration window) {
        attempts++;
        lastStatusCode = statusCode;
        lastError = error;
        Duration wait = firstDelay.multipliedBy(1L << Math.min(attempts - 1, 30));
        Instant next = now.plus(wait.compareTo(maxDelay) > 0 ? maxDelay : wait);
        if (next.isAfter(createdAt.plus(window))) {
            status = WebhookDeliveryStatus.FAILED;
        } else {
            nextAttemptAt = next;
        }
    }

    /** Given up without another attempt (its endpoint was deleted). */
    public void abandon(String reason) {
        status = WebhookDeliveryStatus.FAILED;
        lastError = reason;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID endpointId() {
        return endpointId;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String payload() {
        return payload;
    }

    public WebhookDeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer lastStatusCode() {
        return lastStatusCode;
    }

    public String lastError() {
        return lastError;
    }

    public UUID replayOf() {
        return replayOf;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
