package dev.billforge.notification.domain;

/** The plain-text words a customer reads: a subject line and a body. */
public record NotificationMessage(String subject, String body) {
}
