package dev.billforge.notification.api;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.notification.domain.Notification;

/** A notification as the API shows it. */
public record NotificationResponse(
        UUID id,
        String object,
        UUID customerId,
        String type,
        String channel,
        String recipient,
        String subject,
        String body,
        String status,
        UUID invoiceId,
        UUID paymentId,
        UUID subscriptionId,
        String eventId,
        Instant createdAt,
        Instant sentAt) {

    public static final String OBJECT = "notification";

    static NotificationResponse from(Notification notification) {
        return new NotificationResponse(notification.id(), OBJECT, notification.customerId(),
                notification.type().wire(), notification.channel(), notification.recipient(),
                notification.subject(), notification.body(), notification.status().wire(),
                notification.invoiceId(), notification.paymentId(), notification.subscriptionId(),
                notification.eventId(), notification.createdAt(), notification.sentAt());
    }
}
