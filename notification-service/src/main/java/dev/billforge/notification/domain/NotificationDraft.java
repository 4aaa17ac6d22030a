package dev.billforge.notification.domain;

import java.util.UUID;

/**
 * A notification as a billing event asks for it, before it is recorded: who hears of what, in which words, because
 * of which event, about which invoice, payment or subscription (each reference null when not concerned).
 */
public record NotificationDraft(
        String tenantId,
        UUID customerId,
        NotificationType type,
        NotificationMessage message,
        String eventId,
        String eventType,
        UUID invoiceId,
        UUID paymentId,
        UUID subscriptionId) {
}
