package dev.billforge.notification.messaging;

import io.smallrye.mutiny.Uni;

import dev.billforge.notification.domain.Notification;

/**
 * A way of delivering a notification to its recipient, named like {@link Notification#channel()}. A failed Uni is a
 * failed attempt, retried by the dispatcher; completing means the channel accepted the notification.
 */
public interface NotificationChannel {

    /** The channel name notifications carry, e.g. {@code email}. */
    String name();

    Uni<Void> send(Notification notification);
}
