package dev.billforge.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration RETRY = Duration.ofSeconds(30);

    private static Notification pending(String recipient) {
        NotificationDraft draft = new NotificationDraft("t1", UUID.randomUUID(), NotificationType.PAYMENT_RECEIPT,
                new NotificationMessage("s", "b"), "evt-1", "payment.succeeded", UUID.randomUUID(),
                UUID.randomUUID(), null);
        return Notification.record(UUID.randomUUID(), draft, recipient, NOW, null);
    }

    @Test
    void aNewNotificationIsAPendingEmailDueAtOnce() {
        Notification notification = pending(" ada@example.com ");
        assertEquals(NotificationStatus.PENDING, notification.status());
        assertEquals(Notification.EMAIL, notification.channel());
        assertEquals("ada@example.com", notification.recipient());
        assertEquals(NOW, notification.nextAttemptAt());
        assertEquals(0, notification.attempts());
    }

    @Test
    void anUnknownRecipientIsFilledInLaterAndWaitingIsNoAttempt() {
        Notification notification = pending(null);
        assertTrue(notification.awaitsRecipient());
        notification.waitUntil(NOW.plusSeconds(5));
        assertEquals(0, notification.attempts());
        assertEquals(NOW.plusSeconds(5), notification.nextAttemptAt());
        assertThrows(IllegalStateException.class, () -> notification.markSent(NOW));

        notification.addressTo("late@example.com");
        assertFalse(notification.awaitsRecipient());
        notification.markSent(NOW);
        assertEquals(NotificationStatus.SENT, notification.status());
        assertEquals(NOW, notification.sentAt());
    }

    @Test
    void failuresBackOffThenGiveUpAtMaxAttempts() {
        Notification notification = pending("ada@example.com");
        notification.recordFailure("timeout", NOW, 3, RETRY);
        assertEquals(1, notification.attempts());
        assertEquals(NotificationStatus.PENDING, notification.status());
        assertEquals(NOW.plus(RETRY), notification.nextAttemptAt());

        notification.recordFailure("timeout again", NOW, 3, RETRY);
        assertEquals(NOW.plus(RETRY.multipliedBy(2)), notification.nextAttemptAt());

        notification.recordFailure("x".repeat(5000), NOW, 3, RETRY);
        assertEquals(3, notification.attempts());
        assertEquals(NotificationStatus.FAILED, notification.status());
        assertEquals(1000, notification.lastError().length());
        assertNull(notification.sentAt());

        notification.recordFailure("after the end", NOW, 3, RETRY);
        assertEquals(3, notification.attempts(), "a failed notification is not retried");
    }

    @Test
    void aSentNotificationCannotBeSentAgain() {
        Notification notification = pending("ada@example.com");
        notification.recordFailure("timeout", NOW, 3, RETRY);
        notification.markSent(NOW);
        assertNull(notification.lastError());
        assertThrows(IllegalStateException.class, () -> notification.markSent(NOW));
    }
}
