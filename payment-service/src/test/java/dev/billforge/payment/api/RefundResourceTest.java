package dev.billforge.payment.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.events.Topics;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeJournal;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/** Refunds through the API: never more than was captured, each once, through the payment's own provider. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class RefundResourceTest {

    @Inject
    Pool database;

    @ConfigProperty(name = "billforge.payment.providers.stripe.api-base")
    String stripeBase;

    private final String tenant = "refunds-" + UUID.randomUUID();

    @Test
    void partialRefundsAddUpToTheCapturedAmountAndNoFurther() {
        String payment = (String) PaymentFixtures.capturedPayment(tenant, "simulator", "tok_visa", 990).get("id");

        refund(payment, "{\"amount\":300,\"reason\":\"requested_by_customer\"}").statusCode(201)
                .body("object", equalTo("refund")).body("status", equalTo("succeeded")).body("amount", equalTo(300))
                .body("currency", equalTo("USD")).body("source", equalTo("api"))
                .body("provider_reference", startsWith("re_sim_"));
        expectProblem(refund(payment, "{\"amount\":691}"), 400, "refund_amount_too_large");
        refund(payment, "{}").statusCode(201).body("amount", equalTo(690)); // no amount: all that is left
        expectProblem(refund(payment, "{\"amount\":1}"), 409, "payment_not_refundable");

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment).then().statusCode(200)
                .body("amount_refunded", equalTo(990)).body("status", equalTo("succeeded"));
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment + "/refunds").then()
                .statusCode(200).body("data", hasSize(2)).body("data.amount", equalTo(List.of(690, 300)));
        List<JsonNode> events = PublishedEvents.exactly(Topics.PAYMENT_REFUNDED, payment, 2);
        assertEquals(300, events.get(0).at("/data/refund/amount").asLong());
        assertEquals("requested_by_customer", events.get(0).at("/data/refund/reason").asText());
        assertEquals(990, events.get(1).at("/data/payment/amount_refunded").asLong());
    }

    @Test
    void twoFullRefundsAtOnceGiveTheMoneyBackOnce() throws Exception {
        String payment = (String) PaymentFixtures.capturedPayment(tenant, "simulator", "tok_visa", 1500).get("id");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                    () -> refund(payment, "{}").extract().statusCode(), pool);
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                    () -> refund(payment, "{}").extract().statusCode(), pool);
            assertEquals(List.of(201, 409), List.of(first.get(), second.get()).stream().sorted().toList());
        } finally {
            pool.shutdown();
        }
        PublishedEvents.only(Topics.PAYMENT_REFUNDED, payment);
        Long refunded = database.preparedQuery("SELECT sum(amount) AS total FROM payment.refund WHERE tenant_id = $1"
                + " AND status = 'succeeded'").execute(Tuple.of(tenant)).await().indefinitely().iterator().next()
                .getLong("total");
        assertEquals(1500L, refunded);
    }

    @Test
    void theSameIdempotencyKeyAnswersWithTheSameRefund() {
        String payment = (String) PaymentFixtures.capturedPayment(tenant, "simulator", "tok_visa", 990).get("id");
        String key = "refund-" + UUID.randomUUID();

        String id = refund(payment, "{\"amount\":100}", key).statusCode(201).extract().path("id");
        refund(payment, "{\"amount\":100}", key).statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        expectProblem(refund(payment, "{\"amount\":200}", key), 409, "idempotency_key_reused");

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment).then()
                .body("amount_refunded", equalTo(100));
        PublishedEvents.only(Topics.PAYMENT_REFUNDED, payment);
    }

    @Test
    void aStripeRefundGoesThroughStripeJavaWithTheRefundsOwnKey() {
        PaymentFixtures.configureStripe(tenant);
        Map<String, Object> captured = PaymentFixtures.capturedPayment(tenant, "stripe", "pm_card_visa", 4200);
        String payment = (String) captured.get("id");

        String refundId = refund(payment, "{\"amount\":1200,\"reason\":\"duplicate\"}").statusCode(201)
                .body("status", equalTo("succeeded")).body("provider", equalTo("stripe"))
                .body("provider_reference", startsWith("re_")).extract().path("id");

        List<StripeJournal.Seen> asked = new StripeJournal(stripeBase).withKey("/v1/refunds", "refund_" + refundId);
        assertEquals(1, asked.size(), asked.toString());
        String form = asked.get(0).body();
        assertTrue(form.contains("payment_intent=" + captured.get("provider_reference")), form);
        assertTrue(form.contains("amount=1200") && form.contains("reason=duplicate"), form);
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_REFUNDED, payment);
        assertEquals("stripe", event.at("/data/refund/provider").asText());
        assertEquals(1200, event.at("/data/payment/amount_refunded").asLong());
    }

    @Test
    void aRefundStripeRefusesFailsAndGivesItsAmountBack() {
        PaymentFixtures.configureStripe(tenant);
        String payment = (String) PaymentFixtures.capturedPayment(tenant, "stripe", "pm_card_visa", 4200).get("id");
        // A PaymentIntent the stand-in answers resource_missing for, as Stripe would for one it does not know.
        database.preparedQuery("UPDATE payment.payment SET provider_reference = 'pi_standinUnknown' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(payment))).await().indefinitely();

        refund(payment, "{\"amount\":1000}").statusCode(201).body("status", equalTo("failed"))
                .body("failure_code", equalTo("resource_missing"));

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment).then()
                .body("amount_refunded", equalTo(0));
        refund(payment, "{\"amount\":5000}").statusCode(400); // all 4200 can still be asked for, not more
    }

    @Test
    void onlyACapturedPaymentOfTheTenantCanBeRefundedAndOnlyByAnAdmin() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        String declined = (String) PaymentFixtures.settledPayment(tenant, customer, "simulator", "tok_chargeDeclined",
                500, "failed").get("id");
        expectProblem(refund(declined, "{}"), 409, "payment_not_refundable");
        expectProblem(refund(UUID.randomUUID().toString(), "{}"), 404, "payment_not_found");
        expectProblem(refund(declined, "{\"amount\":0}"), 400, "validation_failed");
        expectProblem(refund(declined, "{\"reason\":\"4242424242424242\"}"), 400, "card_data_not_accepted");
        given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON).body("{}")
                .post("/v1/payments/" + declined + "/refunds").then().statusCode(403);
        String captured = (String) PaymentFixtures.capturedPayment(tenant, "simulator", "tok_visa", 500).get("id");
        given().auth().oauth2(TestTokens.admin("another-" + tenant)).contentType(ContentType.JSON).body("{}")
                .post("/v1/payments/" + captured + "/refunds").then().statusCode(404);
    }

    private io.restassured.response.ValidatableResponse refund(String payment, String body) {
        return refund(payment, body, null);
    }

    private io.restassured.response.ValidatableResponse refund(String payment, String body, String key) {
        RequestSpecification request = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/payments/" + payment + "/refunds").then();
    }
}
