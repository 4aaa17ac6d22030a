package dev.billforge.payment.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceMarkedUncollectible;
import dev.billforge.events.invoice.InvoicePaymentRequested;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/**
 * What invoicing's API asks of payment-service: pay an invoice now ({@code invoice.payment_requested}), don't charge
 * an invoice sent to the customer ({@code send_invoice}), stop dunning a written-off invoice
 * ({@code invoice.marked_uncollectible}).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class InvoicePaymentRequestedConsumerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool database;

    private final String tenant = "pay-now-" + UUID.randomUUID();

    @Test
    void anInvoiceSentToTheCustomerIsNotChargedWhenFinalized() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot sent = withCollection(PaymentFixtures.invoice(customer, 5000, 0), InvoiceSnapshot.SEND_INVOICE);
        EventEnvelope<?> finalized = PaymentFixtures.finalized(tenant, sent);
        KafkaEvents.publish(finalized);

        await().atMost(DEADLINE).until(() -> processed("invoice-finalized", finalized.id()));
        assertTrue(payments(sent).isEmpty(), "processed, and nothing charged");
    }

    @Test
    void payingNowChargesTheNamedMethodAsTheInvoicesNextAttemptAndEndsItsDunning() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined"); // the first is the default
        String visa = PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 2600, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        await().atMost(DEADLINE).until(() -> "active".equals(dunningStatus(invoice)));

        KafkaEvents.publish(requested(invoice, UUID.fromString(visa)));

        List<Map<String, Object>> attempts = await().atMost(DEADLINE).until(() -> payments(invoice),
                found -> found.size() == 2 && "succeeded".equals(found.get(1).get("status")));
        Map<String, Object> paidNow = attempts.get(1);
        assertEquals(2, paidNow.get("attempt"));
        assertEquals(visa, paidNow.get("payment_method_id"));
        assertEquals(2600, paidNow.get("amount"));
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) paidNow.get("id"));
        assertEquals(2, event.at("/data/payment/attempt").asInt());
        assertEquals("recovered", dunningStatus(invoice));
    }

    @Test
    void theSameRequestDeliveredTwiceChargesOnce() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot sent = withCollection(PaymentFixtures.invoice(customer, 1800, 0), InvoiceSnapshot.SEND_INVOICE);
        EventEnvelope<InvoicePaymentRequested> request = requested(sent, null);

        KafkaEvents.publish(request);
        KafkaEvents.publish(request);

        await().atMost(DEADLINE).until(() -> payments(sent),
                found -> found.size() == 1 && "succeeded".equals(found.get(0).get("status")));
        await().atMost(DEADLINE).until(() -> processed("invoice-payment-requested", request.id()));
        PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) payments(sent).get(0).get("id"));
        assertEquals(1, payments(sent).size(), "one attempt for one request");
    }

    @Test
    void askingToPayAnInvoiceWhoseChargeSucceededChargesNothingMore() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 4100, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        await().atMost(DEADLINE).until(() -> payments(invoice),
                found -> found.size() == 1 && "succeeded".equals(found.get(0).get("status")));

        // invoicing asked before it heard of the capture (the invoice still open there)
        EventEnvelope<InvoicePaymentRequested> request = requested(invoice, null);
        KafkaEvents.publish(request);

        await().atMost(DEADLINE).until(() -> processed("invoice-payment-requested", request.id()));
        assertEquals(1, payments(invoice).size(), "no second charge");
    }

    @Test
    void aPaymentMethodOfAnotherCustomerIsNotChargedAndTheFailureBeginsNoDunning() {
        UUID owner = PaymentFixtures.publishCustomer(tenant);
        String ownersCard = PaymentFixtures.attach(tenant, owner, "tok_visa");
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        InvoiceSnapshot invoice = withCollection(PaymentFixtures.invoice(customer, 1200, 0),
                InvoiceSnapshot.SEND_INVOICE);

        KafkaEvents.publish(requested(invoice, UUID.fromString(ownersCard)));

        Map<String, Object> failed = await().atMost(DEADLINE).until(() -> payments(invoice), found -> !found.isEmpty())
                .get(0);
        assertEquals("failed", failed.get("status"));
        assertEquals("no_payment_method", failed.get("failure_code"));
        assertTrue(((String) failed.get("failure_message")).contains(ownersCard), (String) failed.get("failure_message"));
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_FAILED, (String) failed.get("id"));
        assertTrue(event.at("/data/next_retry_at").isNull(), "an invoice sent to the customer is not retried");
        assertNull(dunningStatus(invoice));
    }

    @Test
    void aWrittenOffInvoiceIsRetriedNoMore() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 3300, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        await().atMost(DEADLINE).until(() -> "active".equals(dunningStatus(invoice)));

        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.INVOICE_MARKED_UNCOLLECTIBLE, "/invoicing-service",
                tenant, invoice.id(), new InvoiceMarkedUncollectible(invoice)));

        await().atMost(DEADLINE).until(() -> "written_off".equals(dunningStatus(invoice)));
        assertNull(nextRetryAt(invoice));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private EventEnvelope<InvoicePaymentRequested> requested(InvoiceSnapshot invoice, UUID paymentMethodId) {
        return KafkaEvents.envelope(EventCatalog.INVOICE_PAYMENT_REQUESTED, "/invoicing-service", tenant,
                invoice.id(), new InvoicePaymentRequested(invoice, paymentMethodId, Instant.now()));
    }

    private static InvoiceSnapshot withCollection(InvoiceSnapshot invoice, String collectionMethod) {
        return new InvoiceSnapshot(invoice.id(), invoice.number(), invoice.customerId(), null, invoice.status(),
                invoice.currency(), invoice.amountDue(), invoice.amountPaid(), invoice.amountRemaining(),
                invoice.total(), invoice.startingBalance(), invoice.endingBalance(), invoice.attemptCount(),
                invoice.dueDate(), null, null, invoice.lines(), invoice.finalizedAt(), null, invoice.createdAt(),
                collectionMethod, invoice.subtotal(), invoice.tax(), invoice.document());
    }

    /** The invoice's payments, oldest attempt first. */
    private List<Map<String, Object>> payments(InvoiceSnapshot invoice) {
        List<Map<String, Object>> found = given().auth().oauth2(TestTokens.reader(tenant))
                .queryParam("invoice_id", invoice.id().toString()).get("/v1/payments").then().statusCode(200)
                .extract().path("data");
        return found.stream().sorted(Comparator.comparing(payment -> (Integer) payment.get("attempt"))).toList();
    }

    private boolean processed(String consumer, String eventId) {
        return database.preparedQuery("SELECT count(*) FROM payment.inbox_event WHERE consumer = $1 AND event_id = $2")
                .execute(Tuple.of(consumer, eventId)).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getLong(0) == 1;
    }

    private String dunningStatus(InvoiceSnapshot invoice) {
        Row row = dunningRow(invoice);
        return row == null ? null : row.getString("status");
    }

    private Object nextRetryAt(InvoiceSnapshot invoice) {
        return dunningRow(invoice).getValue("next_retry_at");
    }

    private Row dunningRow(InvoiceSnapshot invoice) {
        RowIterator<Row> rows = database.preparedQuery(
                "SELECT status, next_retry_at FROM payment.dunning WHERE tenant_id = $1 AND invoice_id = $2")
                .execute(Tuple.of(tenant, invoice.id())).await().atMost(Duration.ofSeconds(5)).iterator();
        return rows.hasNext() ? rows.next() : null;
    }
}
