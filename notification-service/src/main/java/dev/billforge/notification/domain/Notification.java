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
 * One thing a customer should hear of, recorded from a billing event, and its delivery through a channel. It stays
 * {@code pending} until a channel accepted it ({@code sent}) or {@code max attempts} sends failed ({@code failed}).
 * A notification whose recipient is not known yet simply waits: that is not a failed attempt.
 */
@Entity
@Table(name = "notification")
public class Notification implements PageCursor {

    /** The only channel for now; tenant webhooks come later as channels of their own. */
    public static final String EMAIL = "email";
    private static final int MAX_ERROR_LENGTH = 1000;

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Convert(converter = NotificationType.Column.class)
    @Column(nullable = false, updatable = false)
    private NotificationType type;
    @Column(nullable = false)
    private String channel;
    // The address, and what the email says to the customer (names, amounts): personal data, sealed at rest.
    @Convert(converter = SealedPersonalData.class)
    private String recipient;
    @Column(nullable = false)
    @Convert(converter = SealedPersonalData.class)
    private String subject;
    @Column(nullable = false)
    @Convert(converter = SealedPersonalData.class)
    private String body;
    @Convert(converter = NotificationStatus.Column.class)
    @Column(nullable = false)
    private NotificationStatus status;
    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;
    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;
    @Column(name = "invoice_id")
    private UUID invoiceId;
    @Column(name = "payment_id")
    private UUID paymentId;
    @Column(name = "subscription_id")
    private UUID subscriptionId;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Column(nullable = false)
    private int attempts;
    /** An SMTP error usually quotes the recipient's address: sealed like the address. */
    @Column(name = "last_error")
    @Convert(converter = SealedPersonalData.class)
    private String lastError;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    /** The journey (W3C trace context) of the event that asked for it: the send continues that trace. */
    @Column(name = "trace_parent", updatable = false)
    private String traceParent;

    protected Notification() {
        // for Hibernate
    }

    /**
     * A pending email notification, due at once; {@code recipient} may be null while the customer is unknown, and
     * {@code traceParent} when the journey is not traced.
     */
    public static Notification record(UUID id, NotificationDraft draft, String recipient, Instant now,
            String traceParent) {
        Notification notification = new Notification();
        notification.id = id;
        notification.tenantId = draft.tenantId();
        notification.customerId = draft.customerId();
        notification.type = draft.type();
        notification.channel = EMAIL;
        notification.recipient = blankToNull(recipient);
        notification.subject = draft.message().subject();
        notification.body = draft.message().body();
        notification.status = NotificationStatus.PENDING;
        notification.eventId = draft.eventId();
        notification.eventType = draft.eventType();
        notification.invoiceId = draft.invoiceId();
        notification.paymentId = draft.paymentId();
        notification.subscriptionId = draft.subscriptionId();
        notification.createdAt = now;
        notification.nextAttemptAt = now;
        notification.traceParent = traceParent;
        return notification;
    }

    public boolean awaitsRecipient() {
        return recipient == null;
    }

    /** The customer's billing email, learnt after the notification was recorded. */
    public void addressTo(String billingEmail) {
        if (status == NotificationStatus.PENDING && recipient == null) {
            recipient = blankToNull(billingEmail);
        }
    }

    /**
     * Not ready to send yet (the recipient is unknown, or the invoice a receipt attaches is not reported paid): look
     * again at {@code later}, without counting an attempt.
     */
    public void waitUntil(Instant later) {
        nextAttemptAt = later;
    }

    /** A channel accepted the notification. */
    public void markSent(Instant now) {
        if (status != NotificationStatus.PENDING || recipient == null) {
            throw new IllegalStateException("Notification " + id + " is " + status.wire()
                    + (recipient == null ? " without a recipient" : "") + "; it cannot be sent");
        }
        status = NotificationStatus.SENT;
        sentAt = now;
        lastError = null;
    }

    /**
     * A send failed. The notification stays pending and is retried after {@code retryDelay} times the attempts made
     * so far (a linear back-off), until {@code maxAttempts} attempts have failed; then it is {@code failed}.
     */
    public void recordFailure(String error, Instant now, int maxAttempts, Duration retryDelay) {
        if (status != NotificationStatus.PENDING) {
            return;
        }
        attempts++;
        lastError = error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (attempts >= maxAttempts) {
            status = NotificationStatus.FAILED;
        } else {
            nextAttemptAt = now.plus(retryDelay.multipliedBy(attempts));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID customerId() {
        return customerId;
    }

    public NotificationType type() {
        return type;
    }

    public String channel() {
        return channel;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public NotificationStatus status() {
        return status;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public UUID invoiceId() {
        return invoiceId;
    }

    public UUID paymentId() {
        return paymentId;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public String traceParent() {
        return traceParent;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }
}
