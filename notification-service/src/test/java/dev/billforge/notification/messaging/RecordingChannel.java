package dev.billforge.notification.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationAttachment;

/**
 * The {@code email} channel in tests: the real {@link EmailChannel} (to GreenMail, see SmtpTestResource), counting
 * every send per notification, and refusing recipients starting with {@value #BOUNCE} like a mailbox that does not
 * exist, and answering recipients starting with {@value #ANSWERED_OFF_CONTEXT} off the caller's Vert.x context.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingChannel implements NotificationChannel {

    public static final String BOUNCE = "bounce";
    /** Recipients starting with this are answered on a worker thread, as Quarkus' mock mailer does. */
    public static final String ANSWERED_OFF_CONTEXT = "off-context";

    private final Map<UUID, AtomicInteger> sends = new ConcurrentHashMap<>();
    private final EmailChannel smtp;

    public RecordingChannel(EmailChannel smtp) {
        this.smtp = smtp;
    }

    @Override
    public String name() {
        return Notification.EMAIL;
    }

    @Override
    public Uni<Void> send(Notification notification, List<NotificationAttachment> attachments) {
        sends.computeIfAbsent(notification.id(), id -> new AtomicInteger()).incrementAndGet();
        if (notification.recipient().startsWith(BOUNCE)) {
            return Uni.createFrom().failure(new IllegalStateException("550 mailbox unavailable"));
        }
        if (notification.recipient().startsWith(ANSWERED_OFF_CONTEXT)) {
            return smtp.send(notification, attachments).emitOn(Infrastructure.getDefaultWorkerPool());
        }
        return smtp.send(notification, attachments);
    }

    /** How often the dispatcher tried to send this notification. */
    public int sendsOf(UUID notificationId) {
        AtomicInteger count = sends.get(notificationId);
        return count == null ? 0 : count.get();
    }
}
