package dev.billforge.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.billforge.notification.domain.Notification;

/**
 * The {@code email} channel until real delivery exists: it logs who would get which subject and accepts. Email via
 * SMTP and tenant webhooks come in a later issue. The body is never logged: it carries amounts and references that
 * do not belong in logs.
 */
@ApplicationScoped
public class LogChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(LogChannel.class);

    @Override
    public String name() {
        return Notification.EMAIL;
    }

    @Override
    public Uni<Void> send(Notification notification) {
        LOG.infof("Notification %s (%s) to %s: %s", notification.id(), notification.type().wireName(),
                notification.recipient(), notification.subject());
        return Uni.createFrom().voidItem();
    }
}
