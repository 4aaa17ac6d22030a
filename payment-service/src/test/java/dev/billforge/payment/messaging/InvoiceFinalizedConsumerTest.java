package dev.billforge.payment.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;
import dev.billforge.testsupport.TestTokens;

/** Feeds invoice.finalized as invoicing-service publishes it and reads payment events from the real broker. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class InvoiceFinalizedConsumerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool database;

    private final String tenant = "charge-" + UUID.randomUUID();

    // --- outcomes -----------------------------------------------------------------------------------------------

    @Test
    void aVisaCardIsChargedAndPaymentSucceededIsPublished() throws Exception {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        String method = PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1999, 0);
        Instant before = Instant.now();
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));

        Map<String, Object> payment = awaitSettledPayment(invoice);
        assertEquals("succeeded", payment.get("status"));
        assertEquals(method, payment.get("payment_method_id"));
        assertEquals(1, payment.get("attempt"));

        JsonNode event = PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) payment.get("id"));
        assertEquals("payment.succeeded", event.get("type").asText());
        assertEquals("/payment-service", event.get("source").asText());
        assertEquals(tenant, event.get("tenantid").asText());
        assertTrue(!Instant.parse(event.get("time").asText()).isBefore(before.minusSeconds(1)));
        JsonNode data = event.get("data").get("payment");
        assertEquals(payment.get("id"), data.get("id").asText());
        assertEquals(invoice.id().toString(), data.get("invoice_id").asText());
        assertEquals(invoice.subscriptionId().toString(), data.get("subscription_id").asText());
        assertEquals(customer.toString(), data.get("customer_id").asText());
        assertEquals(1999, data.get("amount").asLong());
        assertEquals("USD", data.get("currency").asText());
        assertEquals("succeeded", data.get("status").asText());
        assertEquals("simulator", data.get("provider").asText());
        assertEquals(payment.get("provider_reference"), data.get("provider_reference").asText());
        assertEquals(method, data.get("payment_method_id").asText());
        assertEquals(1, data.get("attempt").asInt());
        assertTrue(data.get("failure_code").isNull());
        assertEquals(1, simulatorCharges(invoice, 1));
    }

    @Test
    void aDeclinedCardFailsWithCardDeclined() throws Exception {
        JsonNode data = declined("tok_chargeDeclined");
        assertEquals("card_declined", data.get("payment").get("failure_code").asText());
        assertEquals("Your card was declined.", data.get("payment").get("failure_message").asText());
    }

    @Test
    void aCardWithoutFundsFailsWithInsufficientFunds() throws Exception {
        JsonNode data = declined("tok_insufficientFunds");
        assertEquals("insufficient_funds", data.get("payment").get("failure_code").asText());
        assertEquals("Your card has insufficient funds.", data.get("payment").get("failure_message").asText());
    }

    private JsonNode declined(String token) throws Exception {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, token);
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 4200, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));

        Map<String, Object> payment = awaitSettledPayment(invoice);
        assertEquals("failed", payment.get("status"));
        JsonNode data = PublishedEvents.only(Topics.PAYMENT_FAILED, (String) payment.get("id")).get("data");
        assertEquals("failed", data.get("payment").get("status").asText());
        assertEquals(payment.get("failure_code"), data.get("payment").get("failure_code").asText());
        assertTrue(data.get("payment").get("provider_reference").asText().startsWith("ch_sim_"));
        // Dunning's default schedule: the first retry three days after the first failure.
        Instant failedAt = Instant.parse((String) payment.get("updated_at"));
        Duration untilRetry = Duration.between(failedAt, Instant.parse(data.get("next_retry_at").asText()));
        assertTrue(untilRetry.compareTo(Duration.ofDays(3)) >= 0 && untilRetry.compareTo(Duration.ofDays(3).plusSeconds(5)) < 0,
                untilRetry::toString);
        assertEquals(4200, data.get("payment").get("amount").asLong());
        assertEquals(1, simulatorCharges(invoice, 1));
        return data;
    }

    @Test
    void aCustomerWithoutPaymentMethodFailsWithNoPaymentMethod() throws Exception {
        UUID customer = UUID.randomUUID();
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1500, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));

        Map<String, Object> payment = awaitSettledPayment(invoice);
        assertEquals("failed", payment.get("status"));
        assertEquals("no_payment_method", payment.get("failure_code"));
        JsonNode data = PublishedEvents.only(Topics.PAYMENT_FAILED, (String) payment.get("id")).get("data");
        assertEquals("no_payment_method", data.get("payment").get("failure_code").asText());
        assertTrue(data.get("payment").get("payment_method_id").isNull());
        assertTrue(data.get("payment").get("provider_reference").isNull());
        assertEquals(0, simulatorCharges(invoice, 1));
    }

    @Test
    void theCustomersDefaultMethodIsCharged() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined");
        String mastercard = PaymentFixtures.attach(tenant, customer, "tok_mastercard");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .post("/v1/payment-methods/" + mastercard + "/default").then().statusCode(200);
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 800, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));

        Map<String, Object> payment = awaitSettledPayment(invoice);
        assertEquals("succeeded", payment.get("status"));
        assertEquals(mastercard, payment.get("payment_method_id"));
    }

    @Test
    void theNextAttemptIsANewPaymentWithItsOwnCharge() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 900, 0);
        InvoiceSnapshot retried = new InvoiceSnapshot(invoice.id(), invoice.number(), customer,
                invoice.subscriptionId(), "open", "USD", 900, 0, 900, 900L, 0L, 0L, 1, invoice.dueDate(), invoice.periodStart(),
                invoice.periodEnd(), invoice.lines(), invoice.finalizedAt(), null, invoice.createdAt(),
                invoice.collectionMethod(), invoice.subtotal(), invoice.tax(), invoice.document());
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, retried));

        await().atMost(DEADLINE).until(() -> payments(invoice).stream().filter(p -> "succeeded".equals(p.get("status")))
                .count() == 2);
        assertEquals(Set.of(1, 2), Set.copyOf(payments(invoice).stream().map(p -> p.get("attempt")).toList()));
        assertEquals(1, simulatorCharges(invoice, 1));
        assertEquals(1, simulatorCharges(invoice, 2));
    }

    @Test
    void anInvoiceWithNothingRemainingIsNotCharged() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 0, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_FINALIZED, DEADLINE);

        assertEquals(0, payments(invoice).size());
        assertEquals(0, simulatorCharges(invoice, 1));
    }

    // --- exactly once -------------------------------------------------------------------------------------------

    @Test
    void theSameEventTwiceChargesOnce() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 2500, 0);
        EventEnvelope<InvoiceFinalized> event = PaymentFixtures.finalized(tenant, invoice);
        KafkaEvents.publish(event);
        KafkaEvents.publish(event);
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_FINALIZED, DEADLINE);

        assertChargedOnce(invoice);
    }

    @Test
    void anotherEventForTheSameAttemptChargesOnce() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 2600, 0);
        // Two envelopes (two event ids) announcing the same attempt: the inbox cannot tell them apart, the
        // one-payment-per-attempt constraint does.
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_FINALIZED, DEADLINE);

        assertChargedOnce(invoice);
    }

    @Test
    void theSameEventTwiceWithoutPaymentMethodFailsOnce() {
        InvoiceSnapshot invoice = PaymentFixtures.invoice(UUID.randomUUID(), 300, 0);
        EventEnvelope<InvoiceFinalized> event = PaymentFixtures.finalized(tenant, invoice);
        KafkaEvents.publish(event);
        KafkaEvents.publish(event);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_FINALIZED, DEADLINE);

        List<Map<String, Object>> payments = payments(invoice);
        assertEquals(1, payments.size());
        PublishedEvents.only(Topics.PAYMENT_FAILED, (String) payments.get(0).get("id"));
    }

    private void assertChargedOnce(InvoiceSnapshot invoice) {
        List<Map<String, Object>> payments = payments(invoice);
        assertEquals(1, payments.size(), "one payment per invoice attempt");
        assertEquals("succeeded", payments.get(0).get("status"));
        assertEquals(1, simulatorCharges(invoice, 1), "one charge at the provider");
        PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) payments.get(0).get("id"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private List<Map<String, Object>> payments(InvoiceSnapshot invoice) {
        return given().auth().oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", invoice.id().toString())
                .get("/v1/payments").then().statusCode(200).extract().path("data");
    }

    private Map<String, Object> awaitSettledPayment(InvoiceSnapshot invoice) {
        return await().atMost(DEADLINE).until(() -> payments(invoice),
                list -> list.size() == 1 && !"processing".equals(list.get(0).get("status"))).get(0);
    }

    /** How often the provider was asked to charge this invoice attempt (each ask with the attempt's key). */
    private long simulatorCharges(InvoiceSnapshot invoice, int attempt) {
        return database.preparedQuery(
                "SELECT coalesce(sum(requests), 0) FROM payment.simulator_charge WHERE idempotency_key = $1")
                .execute(Tuple.of("invoice_" + invoice.id() + "_attempt_" + attempt))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}
