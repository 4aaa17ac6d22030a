package dev.billforge.notification.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.notification.BillingEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.notification.NotificationsApi;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.mail.SmtpTestResource;

/** Feeds the four billing events through the real broker and checks the notifications they leave. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationConsumersTest {

    private static final String GROUP = "notification-service";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    RecordingChannel channel;

    // --- one notification per event ---------------------------------------------------------------------------

    @Test
    void invoiceFinalizedTellsTheCustomerWhatIsDueWhen() {
        UUID customer = BillingEvents.customerCreated(tenant, "ada@example.com");
        EventEnvelope<InvoiceFinalized> event = BillingEvents.invoiceFinalized(tenant, customer, "INV-000001", 1999,
                "USD");
        KafkaEvents.publish(event);

        Map<String, Object> notification = NotificationsApi.awaitSent(tenant, customer);
        assertEquals("invoice_finalized", notification.get("type"));
        assertEquals("email", notification.get("channel"));
        assertEquals("ada@example.com", notification.get("recipient"));
        assertEquals("Your invoice INV-000001 for $19.99 is due on 2026-11-25", notification.get("subject"));
        assertTrue(body(notification).contains("Amount due: $19.99\n"), body(notification));
        assertEquals(event.data().invoice().id().toString(), notification.get("invoice_id"));
        assertEquals(event.data().invoice().subscriptionId().toString(), notification.get("subscription_id"));
        assertNull(notification.get("payment_id"));
        assertEquals(event.id(), notification.get("event_id"));
        assertNotNull(notification.get("sent_at"));
    }

    @Test
    void aPaymentWaitingForAuthenticationAsksTheCustomerToConfirmIt() {
        UUID customer = BillingEvents.customerCreated(tenant, "confirm@example.com");
        KafkaEvents.publish(BillingEvents.paymentActionRequired(tenant, customer, 4200, "EUR"));

        Map<String, Object> notification = NotificationsApi.awaitSent(tenant, customer);
        assertEquals("payment_action_required", notification.get("type"));
        assertEquals("Please confirm your payment of €42.00", notification.get("subject"));
    }

    @Test
    void aTrialEndingSoonIsToldWithWhatBillingWillCost() {
        UUID customer = BillingEvents.customerCreated(tenant, "trial@example.com");
        KafkaEvents.publish(BillingEvents.trialWillEnd(tenant, customer, "Team", Instant.parse("2026-12-04T08:00:00Z")));

        Map<String, Object> notification = NotificationsApi.awaitSent(tenant, customer);
        assertEquals("trial_ending", notification.get("type"));
        assertEquals("Your Team trial ends on 2026-12-04", notification.get("subject"));
        assertTrue(body(notification).contains("billed €49.00 per month"), body(notification));
    }

    @Test
    void paymentSucceededSendsAReceipt() {
        UUID customer = BillingEvents.customerCreated(tenant, "receipts@example.com");
        EventEnvelope<PaymentSucceeded> event = BillingEvents.paymentSucceeded(tenant, customer, 500, "JPY", "pi_3Nx");
        KafkaEvents.publish(event);

        Map<String, Object> notification = NotificationsApi.awaitSent(tenant, customer);
        assertEquals("payment_receipt", notification.get("type"));
        assertEquals("receipts@example.com", notification.get("recipient"));
        assertEquals("Receipt for your payment of ¥500", notification.get("subject"));
        assertTrue(body(notification).contains("Amount paid: ¥500 (JPY)\n"), body(notification));
        assertTrue(body(notification).contains("Invoice: " + event.data().payment().invoiceId() + "\n"));
        assertTrue(body(notification).contains("Payment reference: pi_3Nx\n"));
        assertEquals(event.data().payment().id().toString(), notification.get("payment_id"));
        assertEquals(event.data().payment().invoiceId().toString(), notification.get("invoice_id"));
    }

    @Test
    void paymentFailedSaysWhyAndWhatNext() {
        UUID customer = BillingEvents.customerCreated(tenant, "declined@example.com");
        EventEnvelope<PaymentFailed> event = BillingEvents.paymentFailed(tenant, customer, 123_456, "EUR",
                "card_declined", "Your card was declined.", Instant.parse("2026-11-28T09:00:00Z"));
        KafkaEvents.publish(event);

        Map<String, Object> notification = NotificationsApi.awaitSent(tenant, customer);
        assertEquals("payment_failed", notification.get("type"));
        assertEquals("declined@example.com", notification.get("recipient"));
        assertEquals("Your payment of €1,234.56 failed", notification.get("subject"));
        assertTrue(body(notification).contains("Reason: Your card was declined. (code: card_declined)\n"),
                body(notification));
        assertTrue(body(notification).contains("We will try again on 2026-11-28.\n"), body(notification));
        assertEquals(event.data().payment().id().toString(), notification.get("payment_id"));
    }

    @Test
    void subscriptionCanceledNamesThePlanAndTheEnd() {
        UUID customer = BillingEvents.customerCreated(tenant, "leaving@example.com");
        EventEnvelope<SubscriptionCanceled> event = BillingEvents.subscriptionCanceled(tenant, customer, "Pro");
        KafkaEvents.publish(event);

        Map<String, Object> notification = NotificationsApi.awaitSent(tenant, customer);
        assertEquals("subscription_canceled", notification.get("type"));
        assertEquals("leaving@example.com", notification.get("recipient"));
        assertEquals("Your Pro subscription has been canceled", notification.get("subject"));
        assertTrue(body(notification).startsWith("Your subscription to Pro ended on 2026-11-30.\n"),
                body(notification));
        assertEquals(event.data().subscription().id().toString(), notification.get("subscription_id"));
        assertNull(notification.get("invoice_id"));
    }

    // --- redelivery -------------------------------------------------------------------------------------------

    @Test
    void aRedeliveredInvoiceFinalizedRecordsOneNotification() {
        UUID customer = BillingEvents.customerCreated(tenant, "twice-invoice@example.com");
        assertDeliveredTwiceRecordedOnce(customer, Topics.INVOICE_FINALIZED,
                BillingEvents.invoiceFinalized(tenant, customer, "INV-000002", 1000, "USD"));
    }

    @Test
    void aRedeliveredPaymentSucceededRecordsOneNotification() {
        UUID customer = BillingEvents.customerCreated(tenant, "twice-receipt@example.com");
        assertDeliveredTwiceRecordedOnce(customer, Topics.PAYMENT_SUCCEEDED,
                BillingEvents.paymentSucceeded(tenant, customer, 1000, "USD", "pi_twice"));
    }

    @Test
    void aRedeliveredPaymentFailedRecordsOneNotification() {
        UUID customer = BillingEvents.customerCreated(tenant, "twice-failed@example.com");
        assertDeliveredTwiceRecordedOnce(customer, Topics.PAYMENT_FAILED,
                BillingEvents.paymentFailed(tenant, customer, 1000, "USD", "insufficient_funds", "Not enough funds.",
                        null));
    }

    @Test
    void aRedeliveredSubscriptionCanceledRecordsOneNotification() {
        UUID customer = BillingEvents.customerCreated(tenant, "twice-canceled@example.com");
        assertDeliveredTwiceRecordedOnce(customer, Topics.SUBSCRIPTION_CANCELED,
                BillingEvents.subscriptionCanceled(tenant, customer, "Basic"));
    }

    private void assertDeliveredTwiceRecordedOnce(UUID customer, String topic, EventEnvelope<?> event) {
        KafkaEvents.publish(event);
        KafkaEvents.publish(event);
        KafkaEvents.awaitConsumed(GROUP, topic, DEADLINE);

        List<Map<String, Object>> notifications = NotificationsApi.ofCustomer(tenant, customer);
        assertEquals(1, notifications.size(), "one notification for " + event.type() + " delivered twice");
        Map<String, Object> sent = NotificationsApi.awaitSent(tenant, customer);
        UUID id = UUID.fromString((String) sent.get("id"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> channel.sendsOf(id) == 1);
    }

    // --- the customer is announced after the billing event ----------------------------------------------------

    @Test
    void aNotificationWaitsForItsRecipientThenIsSentOnce() {
        UUID customer = BillingEvents.newCustomerId();
        KafkaEvents.publish(BillingEvents.invoiceFinalized(tenant, customer, "INV-000003", 4200, "USD"));
        KafkaEvents.awaitConsumed(GROUP, Topics.INVOICE_FINALIZED, DEADLINE);

        Map<String, Object> waiting = NotificationsApi.awaitOnly(tenant, customer, n -> true);
        UUID id = UUID.fromString((String) waiting.get("id"));
        assertEquals("pending", waiting.get("status"));
        assertNull(waiting.get("recipient"));
        assertEquals(0, channel.sendsOf(id));

        BillingEvents.publishCustomer(tenant, customer, "late@example.com");

        Map<String, Object> sent = NotificationsApi.awaitSent(tenant, customer);
        assertEquals(id.toString(), sent.get("id"));
        assertEquals("late@example.com", sent.get("recipient"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> channel.sendsOf(id) == 1);
    }

    private static String body(Map<String, Object> notification) {
        return (String) notification.get("body");
    }
}
