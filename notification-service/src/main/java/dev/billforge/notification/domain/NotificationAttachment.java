package dev.billforge.notification.domain;

/** A file sent with a notification (the invoice PDF with a payment receipt); made when it is sent, never stored. */
public record NotificationAttachment(String fileName, String contentType, byte[] content) {
}
