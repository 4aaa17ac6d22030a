package dev.billforge.notification.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.events.Topics;
import dev.billforge.notification.BillingEvents;
import dev.billforge.notification.NotificationsApi;
import dev.billforge.notification.domain.NotificationDraft;
import dev.billforge.notification.domain.NotificationMessage;
import dev.billforge.notification.domain.NotificationType;
import dev.billforge.notification.messaging.RecordingChannel;
import dev.billforge.notification.store.InvoiceCopies;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PdfText;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.mail.SmtpTestResource;

/**
 * The scheduled dispatcher against the test channel ({@link RecordingChannel}): pending notifications are sent once,
 * failed sends are retried up to max attempts (3 in tests), and an unknown recipient costs no attempt.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationDispatcherTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    dev.billforge.chassis.secrets.PersonalData personalData;
    @Inject
    RecordingChannel channel;
    @Inject
    InvoiceCopies copies;
    @Inject
    NotificationService notifications;

    @Inject
    Pool database;

    @Test
    void aPendingNotificationIsSentOnceThroughItsChannel() {
        UUID customer = BillingEvents.customerCreated(tenant, "once@example.com");
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, 1999, "USD", "pi_once"));

        Map<String, Object> sent = NotificationsApi.awaitSent(tenant, customer);
        UUID id = UUID.fromString((String) sent.get("id"));
        assertNotNull(sent.get("sent_at"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> channel.sendsOf(id) == 1);
        Row row = row(id);
        assertEquals(0, row.getInteger("attempts"));
        assertNull(row.getString("last_error"));
    }

    @Test
    void anEmailGoesOverSmtpWithItsAmountInTheInvoicesCurrency() throws Exception {
        String address = "refund-" + UUID.randomUUID() + "@example.com";
        UUID customer = BillingEvents.customerCreated(tenant, address);
        KafkaEvents.publish(BillingEvents.creditNoteIssued(tenant, customer, "CN-000003", "INV-000042", 1250, "EUR"));

        UUID id = UUID.fromString((String) NotificationsApi.awaitSent(tenant, customer).get("id"));
        MimeMessage email = await().atMost(Duration.ofSeconds(10)).until(() -> java.util.Arrays.stream(
                SmtpTestResource.greenMail().getReceivedMessagesForDomain("example.com"))
                .filter(message -> recipient(message).equals(address)).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertEquals("Refund of €12.50 for invoice INV-000042", email.getSubject());
        String body = GreenMailUtil.getBody(email);
        assertTrue(body.contains("We have refunded =E2=82=AC12.50 (EUR)") || body.contains("We have refunded €12.50 (EUR)"),
                body);
        assertTrue(body.contains("Credit note: CN-000003"), body);
        assertEquals("<" + id + "@billforge>", email.getMessageID());
        assertEquals("billing@billforge.local", ((InternetAddress) email.getFrom()[0]).getAddress());
    }

    @Test
    void aReceiptCarriesThePaidInvoiceAsAPdf() throws Exception {
        String address = "receipt-" + UUID.randomUUID() + "@example.com";
        UUID customer = BillingEvents.customerCreated(tenant, address);
        UUID invoice = UUID.randomUUID();
        // The payment is reported before the invoice is: the receipt waits for the paid invoice to print it.
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, invoice, 4200, "EUR"));
        KafkaEvents.publish(BillingEvents.invoicePaid(tenant, customer, invoice, "INV-000042", 4200, "EUR"));

        MimeMessage email = emailTo(address);
        assertEquals("Receipt for your payment of €42.00", email.getSubject());
        MimeMultipart parts = (MimeMultipart) email.getContent();
        BodyPart pdf = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if ("invoice-INV-000042.pdf".equals(parts.getBodyPart(i).getFileName())) {
                pdf = parts.getBodyPart(i);
            }
        }
        assertNotNull(pdf, "the invoice PDF is attached");
        assertTrue(pdf.getContentType().startsWith("application/pdf"), pdf.getContentType());
        String text = PdfText.of(pdf.getInputStream().readAllBytes());
        for (String expected : new String[] { "INV-000042", "PAID", "Acme GmbH", "Ada Lovelace", "Onboarding workshop",
                "€42.00" }) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + "; it reads:\n" + text);
        }
    }

    /**
     * The receipt's PDF is rendered on a worker and this channel answers on one too (as the mock mailer does): the
     * outcome is still recorded on the first try, not left for the lease to run out and the email sent again.
     */
    @Test
    void aReceiptAnsweredOffTheDispatchersContextIsRecordedSentOnce() {
        String address = RecordingChannel.ANSWERED_OFF_CONTEXT + "-" + UUID.randomUUID() + "@example.com";
        UUID customer = BillingEvents.customerCreated(tenant, address);
        UUID invoice = UUID.randomUUID();
        KafkaEvents.publish(BillingEvents.invoicePaid(tenant, customer, invoice, "INV-000043", 4300, "EUR"));
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, invoice, 4300, "EUR"));

        Map<String, Object> sent = NotificationsApi.awaitSent(tenant, customer);
        UUID id = UUID.fromString((String) sent.get("id"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> channel.sendsOf(id) == 1);
        assertEquals(0, row(id).getInteger("attempts"));
    }

    /**
     * A receipt recorded before its invoice is reported paid is held until the wait for it ends (10 s in tests), not
     * looked at every few seconds; the invoice reported paid makes it due at once, and it goes with the PDF.
     */
    @Test
    void aReceiptIsHeldForItsInvoiceAndWokenWhenTheInvoiceIsReportedPaid() throws Exception {
        String address = "held-" + UUID.randomUUID() + "@example.com";
        UUID customer = BillingEvents.customerCreated(tenant, address);
        UUID invoice = UUID.randomUUID();
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, invoice, 4400, "EUR"));

        assertTrue(await().atMost(Duration.ofSeconds(20)).until(() -> receiptHeldUntilTheWaitEnds(invoice),
                java.util.Objects::nonNull), "recorded due when the wait for its invoice ends");
        KafkaEvents.publish(BillingEvents.invoicePaid(tenant, customer, invoice, "INV-000044", 4400, "EUR"));

        MimeMessage email = emailTo(address);
        assertTrue(email.getContent() instanceof MimeMultipart, "sent with the invoice PDF");
        assertTrue(database.preparedQuery("SELECT sent_at < created_at + interval '10 seconds' AS woken"
                + " FROM notification.notification WHERE tenant_id = $1 AND invoice_id = $2")
                .execute(Tuple.of(tenant, invoice)).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getBoolean("woken"), "sent when the invoice was reported paid, not when the wait ran out");
    }

    /**
     * An event recorded twice (delivered again after its inbox row was purged) makes one notification, and the second
     * recording succeeds: it must not fail its batch.
     */
    @Test
    void anEventRecordedTwiceMakesOneNotification() throws Throwable {
        String eventId = "evt-" + UUID.randomUUID();
        NotificationDraft draft = new NotificationDraft(tenant, UUID.randomUUID(), NotificationType.PAYMENT_FAILED,
                new NotificationMessage("Your payment failed", "Please update your card."), eventId, "payment.failed",
                UUID.randomUUID(), UUID.randomUUID(), null);
        for (int delivery = 0; delivery < 2; delivery++) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> notifications.recordAll(
                    List.of(new NotificationService.Drafted(draft, io.opentelemetry.context.Context.root())))));
        }
        long recorded = database.preparedQuery("SELECT count(*) AS n FROM notification.notification"
                + " WHERE tenant_id = $1 AND event_id = $2").execute(Tuple.of(tenant, eventId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertEquals(1, recorded);
    }

    /** A batch's invoices are locked with one statement, one lock per distinct invoice, whatever the batch's size. */
    @Test
    void aBatchOfInvoicesIsLockedOncePerInvoice() throws Throwable {
        List<String> keys = List.of(InvoiceCopies.key(tenant, UUID.randomUUID()), InvoiceCopies.key(tenant,
                UUID.randomUUID()), InvoiceCopies.key("other-" + tenant, UUID.randomUUID()));
        Long held = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> copies
                .lockAll(List.of(keys.get(0), keys.get(1), keys.get(2), keys.get(0)))
                .chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery("SELECT count(*)"
                        + " FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", Long.class)
                        .getSingleResult())));
        assertEquals(3L, held);
    }

    /** Whether the invoice's receipt is recorded and due exactly when the wait ends; null while it is not recorded. */
    private Boolean receiptHeldUntilTheWaitEnds(UUID invoice) {
        var rows = database.preparedQuery("SELECT next_attempt_at = created_at + interval '10 seconds' AS held"
                + " FROM notification.notification WHERE tenant_id = $1 AND invoice_id = $2")
                .execute(Tuple.of(tenant, invoice)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getBoolean("held");
    }

    @Test
    void aReceiptWhoseInvoiceIsNeverReportedPaidGoesWithoutThePdfAfterTheWait() throws Exception {
        String address = "no-invoice-" + UUID.randomUUID() + "@example.com";
        UUID customer = BillingEvents.customerCreated(tenant, address);
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, UUID.randomUUID(), 4200, "EUR"));

        MimeMessage email = emailTo(address);
        assertTrue(email.getContent() instanceof String, "a plain-text email, no attachment");
    }

    private static MimeMessage emailTo(String address) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> java.util.Arrays.stream(
                SmtpTestResource.greenMail().getReceivedMessagesForDomain("example.com"))
                .filter(message -> recipient(message).equals(address)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailingSendIsRetriedUntilMaxAttemptsThenFailed() {
        UUID customer = BillingEvents.customerCreated(tenant, RecordingChannel.BOUNCE + "@example.com");
        KafkaEvents.publish(BillingEvents.invoiceFinalized(tenant, customer, "INV-000009", 1999, "USD"));

        Map<String, Object> failed = NotificationsApi.awaitOnly(tenant, customer,
                notification -> "failed".equals(notification.get("status")));
        UUID id = UUID.fromString((String) failed.get("id"));
        assertNull(failed.get("sent_at"));
        Row row = row(id);
        assertEquals(3, row.getInteger("attempts"));
        assertTrue(row.getString("last_error").startsWith("pd1:"), "sealed: SMTP errors quote addresses");
        assertEquals("550 mailbox unavailable", personalData.open(row.getString("last_error")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> channel.sendsOf(id) == 3);
    }

    @Test
    void aNotificationWithoutRecipientWaitsWithoutUsingAttempts() {
        UUID unknown = BillingEvents.newCustomerId();
        KafkaEvents.publish(BillingEvents.subscriptionCanceled(tenant, unknown, "Pro"));
        KafkaEvents.awaitConsumed("notification-service", Topics.SUBSCRIPTION_CANCELED, NotificationsApi.DEADLINE);

        UUID id = UUID.fromString((String) NotificationsApi.awaitOnly(tenant, unknown, n -> true).get("id"));
        // Many dispatcher passes (every 0.05s, recipient re-checked every 0.05s) go by without an attempt.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
            Row row = row(id);
            return "pending".equals(row.getString("status")) && row.getInteger("attempts") == 0
                    && row.getString("recipient") == null && channel.sendsOf(id) == 0;
        });
    }

    private Row row(UUID id) {
        return database.preparedQuery("SELECT status, recipient, attempts, last_error FROM notification.notification"
                + " WHERE id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5)).iterator().next();
    }
}
