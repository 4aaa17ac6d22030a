package dev.billforge.notification.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationAttachment;

/**
 * The {@code email} channel: plain-text email over SMTP with any attachments (quarkus-mailer, configured by
 * {@code quarkus.mailer.*}).
 * Each email's {@code Message-ID} is derived from the notification's id, so should a send be repeated (sent, then the
 * dispatcher could not record it) the two copies are recognisably the same message to the receiving side.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final ReactiveMailer mailer;

    public EmailChannel(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return Notification.EMAIL;
    }

    @Override
    public Uni<Void> send(Notification notification, List<NotificationAttachment> attachments) {
        Mail mail = Mail.withText(notification.recipient(), notification.subject(), notification.body())
                .addHeader("Message-ID", messageId(notification))
                .addHeader("X-Billforge-Notification", notification.type().wire());
        attachments.forEach(file -> mail.addAttachment(file.fileName(), file.content(), file.contentType()));
        return mailer.send(mail);
    }

    /** {@code <notification id@billforge>}: stable for the notification, unique across notifications. */
    public static String messageId(Notification notification) {
        return "<" + notification.id() + "@billforge>";
    }
}
