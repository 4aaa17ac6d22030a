package dev.billforge.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private static final Instant QUEUED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);
    private static final Duration WINDOW = Duration.ofDays(3);

    private final WebhookEndpoint endpoint = WebhookEndpoint.create(UUID.randomUUID(), "t1", "https://example.com/h",
            null, List.of("*"), "k1", "sealed", QUEUED);

    @Test
    void failuresBackOffExponentiallyUpToTheCapAndGiveUpAfterTheWindow() {
        WebhookDelivery delivery = WebhookDelivery.queue(UUID.randomUUID(), endpoint, "evt-1", "invoice.paid", "{}",
                QUEUED);
        Instant now = QUEUED;
        delivery.attemptFailed(500, "answered 500", now, FIRST, MAX, WINDOW);
        assertEquals(now.plusSeconds(30), delivery.nextAttemptAt());
        delivery.attemptFailed(500, "answered 500", now, FIRST, MAX, WINDOW);
        assertEquals(now.plusSeconds(60), delivery.nextAttemptAt());
        for (int i = 0; i < 10; i++) {
            delivery.attemptFailed(null, "timeout", now, FIRST, MAX, WINDOW);
        }
        assertEquals(now.plus(MAX), delivery.nextAttemptAt(), "capped at an hour");
        assertTrue(delivery.isPending());

        delivery.attemptFailed(null, "timeout", QUEUED.plus(WINDOW).minusSeconds(60), FIRST, MAX, WINDOW);
        assertEquals(WebhookDeliveryStatus.FAILED, delivery.status(), "no attempt beyond three days");
        assertEquals("timeout", delivery.lastError());
    }

    @Test
    void anEndpointReceivesOnlyWhatItSubscribedToWhileItExists() {
        WebhookEndpoint some = WebhookEndpoint.create(UUID.randomUUID(), "t1", "https://example.com/h", null,
                List.of("payment.failed", "invoice.paid"), "k1", "sealed", QUEUED);
        assertTrue(some.wants("invoice.paid"));
        assertTrue(!some.wants("payment.succeeded"));
        assertTrue(endpoint.wants("anything.new"));
        some.delete(QUEUED);
        assertTrue(!some.wants("invoice.paid"));
    }
}
