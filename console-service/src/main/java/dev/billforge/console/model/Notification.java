package dev.billforge.console.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** An email sent (or to be sent) to a customer for a billing event (notification-service). */
public record Notification(@Id @NonNull String id, String customerId, @NonNull String type, String channel,
        String recipient, String subject, String body, @NonNull String status, String invoiceId, String paymentId,
        String subscriptionId, String eventId, Instant createdAt, Instant sentAt) {
}
