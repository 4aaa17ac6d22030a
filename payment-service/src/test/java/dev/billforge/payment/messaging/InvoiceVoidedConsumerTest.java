package dev.billforge.payment.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.invoice.InvoiceVoided;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/**
 * invoice.voided: nothing more is collected for the invoice. A payment that succeeded for it, before or after the
 * void, is refunded automatically (once, however often the event comes), never kept silently.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class InvoiceVoidedConsumerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "voided-" + UUID.randomUUID();

    @Inject
    Pool database;

    private EventEnvelope<InvoiceVoided> voided(InvoiceSnapshot invoice) {
        InvoiceSnapshot voidInvoice = new InvoiceSnapshot(invoice.id(), invoice.number(), invoice.customerId(),
                invoice.subscriptionId(), "void", invoice.currency(), invoice.amountDue(), invoice.amountPaid(),
                invoice.amountRemaining(), invoice.total(), invoice.startingBalance(), invoice.endingBalance(),
                invoice.attemptCount(), invoice.dueDate(), invoice.periodStart(),
                invoice.periodEnd(), invoice.lines(), invoice.finalizedAt(), null, Instant.now(),
                invoice.collectionMethod(), invoice.subtotal(), invoice.tax(), invoice.document());
        return KafkaEvents.envelope(EventCatalog.INVOICE_VOIDED, "/invoicing-service", tenant, invoice.id(),
                new InvoiceVoided(voidInvoice));
    }

    private List<Map<String, Object>> refunds(Object paymentId) {
        return given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + paymentId + "/refunds").then()
                .statusCode(200).extract().path("data");
    }

    private Map<String, Object> payment(InvoiceSnapshot invoice, String status) {
        return await().atMost(DEADLINE).until(() -> {
            List<Map<String, Object>> found = given().auth().oauth2(TestTokens.reader(tenant))
                    .queryParam("invoice_id", invoice.id().toString()).get("/v1/payments").then().statusCode(200)
                    .extract().path("data");
            return found.isEmpty() ? null : found.get(0);
        }, payment -> payment != null && status.equals(payment.get("status")));
    }

    @Test
    void aPaymentThatSucceededForAnInvoiceVoidedLaterIsRefundedOnceEvenWhenTheEventComesTwice() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 2500, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        Object paymentId = payment(invoice, "succeeded").get("id");

        var event = voided(invoice);
        KafkaEvents.publish(event);
        KafkaEvents.publish(event); // redelivered
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_VOIDED, DEADLINE);

        // Recorded pending at once, asked of the provider by the recovery job.
        List<Map<String, Object>> refunds = await().atMost(DEADLINE).until(() -> refunds(paymentId),
                found -> found.size() == 1 && "succeeded".equals(found.get(0).get("status")));
        assertEquals(2500, refunds.get(0).get("amount"));
        JsonNode refunded = PublishedEvents.only(Topics.PAYMENT_REFUNDED, paymentId.toString());
        assertEquals(2500, refunded.at("/data/refund/amount").asLong());
        await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> refunds(paymentId).size() == 1);
    }

    @Test
    void aVoidedInvoiceWhoseFinalizationArrivesLateIsNeverCharged() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1800, 0);
        // invoice.voided and invoice.finalized travel on different topics: the void may be consumed first.
        KafkaEvents.publish(voided(invoice));
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_VOIDED, DEADLINE);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_FINALIZED, DEADLINE);

        await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> given().auth()
                .oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", invoice.id().toString())
                .get("/v1/payments").then().extract().path("data.size()").equals(0));
    }

    @Test
    void aChargeInFlightWhenTheInvoiceIsVoidedIsRefundedWhenItSucceeds() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        String card = PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1999, 0);
        // The attempt was opened and its provider call is still unanswered (the recovery job will make it) ...
        UUID paymentId = TimeOrderedIds.next();
        OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).minusHours(1);
        database.preparedQuery("INSERT INTO payment.payment (id, tenant_id, invoice_id, subscription_id, customer_id,"
                + " payment_method_id, amount, currency, status, provider, attempt, idempotency_key, created_at,"
                + " updated_at, charge_attempted_at) VALUES ($1, $2, $3, NULL, $4, $5, 1999, 'USD', 'processing',"
                + " 'simulator', 1, $6, $7, $7, $7)")
                .execute(Tuple.from(List.of(paymentId, tenant, invoice.id(), customer, UUID.fromString(card),
                        "invoice_" + invoice.id() + "_attempt_1", anHourAgo)))
                .await().atMost(DEADLINE);
        // ... when the invoice is voided.
        KafkaEvents.publish(voided(invoice));

        List<Map<String, Object>> refunds = await().atMost(DEADLINE).until(() -> refunds(paymentId),
                found -> found.size() == 1 && "succeeded".equals(found.get(0).get("status")));
        assertEquals(1999, refunds.get(0).get("amount"));
        assertEquals("automatic", refunds.get(0).get("source"));
    }

    @Test
    void aVoidedInvoiceIsNotRetriedAnyMore() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 900, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        payment(invoice, "failed");
        KafkaEvents.publish(voided(invoice));
        KafkaEvents.awaitConsumed("payment-service", Topics.INVOICE_VOIDED, DEADLINE);

        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body(Map.of("tenant_id", tenant, "advance_by", "P30D")).post("/v1/test-clock/advance").then().statusCode(200);
        await().during(Duration.ofSeconds(3)).atMost(DEADLINE).until(() -> given().auth()
                .oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", invoice.id().toString())
                .get("/v1/payments").then().extract().path("data.size()").equals(1));
    }
}
