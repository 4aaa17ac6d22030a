package dev.billforge.notification.messaging;

import java.util.List;

import io.smallrye.mutiny.Uni;

import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationAttachment;

/**
 * A way of delivering a notification to its recipient, named like {@link Notification#channel()}. A failed Uni is a
 * failed attempt, retried by the dispatcher; completing means the channel accepted the notification.
 */
public interface NotificationChannel {

    /** The channel name notifications carry, e.g. {@code email}. */
    String name();

    /** Sends the notification with its {@code attachments} (often none). */
    Uni<Void> send(Notification notification, List<NotificationAttachment> attachments);
}
