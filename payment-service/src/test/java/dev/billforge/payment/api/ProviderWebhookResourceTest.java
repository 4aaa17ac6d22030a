package dev.billforge.payment.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;
import dev.billforge.testsupport.stripe.StripeWebhookSigner;

/**
 * Stripe's webhook deliveries: verified with the tenant's signing secret, applied once, only ever forward; late
 * payment outcomes, refunds made in Stripe's dashboard, and disputes.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class ProviderWebhookResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "hooks-" + UUID.randomUUID();

    @Test
    void aCustomerWhoAuthenticatesLaterPaysTheInvoiceOnce() {
        Map<String, Object> waiting = paymentAwaitingAuthentication();
        String intent = (String) waiting.get("provider_reference");
        String event = StripeWebhookSigner.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded",
                intent, (String) waiting.get("id"), "succeeded", 990, "usd");

        deliver(event).statusCode(200).body("received", equalTo(true));
        deliver(event).statusCode(200); // Stripe redelivers until it sees a 2xx; the second changes nothing

        Map<String, Object> paid = payment((String) waiting.get("id"));
        assertEquals("succeeded", paid.get("status"));
        assertEquals(null, paid.get("failure_code"));
        PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) paid.get("id"));
    }

    @Test
    void anOlderFailureArrivingAfterTheSuccessDoesNotMoveThePaymentBack() {
        Map<String, Object> waiting = paymentAwaitingAuthentication();
        String intent = (String) waiting.get("provider_reference");
        // Found by the intent id alone: an event without our metadata still reaches the payment.
        deliver(StripeWebhookSigner.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent,
                null, "succeeded", 990, "usd")).statusCode(200);
        deliver(StripeWebhookSigner.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.payment_failed",
                intent, (String) waiting.get("id"), "requires_payment_method", 990, "usd")).statusCode(200);

        assertEquals("succeeded", payment((String) waiting.get("id")).get("status"));
        PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) waiting.get("id"));
    }

    @Test
    void aLateFailureFailsThePaymentWithTheIssuersReason() {
        Map<String, Object> waiting = paymentAwaitingAuthentication();
        deliver(StripeWebhookSigner.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.payment_failed",
                (String) waiting.get("provider_reference"), (String) waiting.get("id"), "requires_payment_method", 990,
                "usd")).statusCode(200);

        Map<String, Object> failed = payment((String) waiting.get("id"));
        assertEquals("failed", failed.get("status"));
        assertEquals("insufficient_funds", failed.get("decline_code"));
        PublishedEvents.only(Topics.PAYMENT_FAILED, (String) failed.get("id"));
    }

    @Test
    void forgedStaleOrUnsignedDeliveriesAre400AndChangeNothing() {
        Map<String, Object> waiting = paymentAwaitingAuthentication();
        String event = StripeWebhookSigner.paymentIntentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded",
                (String) waiting.get("provider_reference"), (String) waiting.get("id"), "succeeded", 990, "usd");
        String path = "/v1/webhooks/stripe/" + tenant;

        expectProblem(given().contentType(ContentType.JSON).header("Stripe-Signature",
                StripeWebhookSigner.signatureHeader(event, "whsec_someoneElsesSecret")).body(event).post(path).then(),
                400, "webhook_signature_invalid");
        expectProblem(given().contentType(ContentType.JSON).header("Stripe-Signature",
                StripeWebhookSigner.signatureHeader(event, PaymentFixtures.STRIPE_SIGNING_SECRET,
                        Instant.now().minusSeconds(301))).body(event).post(path).then(),
                400, "webhook_signature_invalid");
        expectProblem(given().contentType(ContentType.JSON).body(event).post(path).then(), 400,
                "webhook_signature_invalid");
        String tampered = event.replace("\"amount\": 990", "\"amount\": 1");
        expectProblem(given().contentType(ContentType.JSON).header("Stripe-Signature",
                StripeWebhookSigner.signatureHeader(event, PaymentFixtures.STRIPE_SIGNING_SECRET)).body(tampered)
                .post(path).then(), 400, "webhook_signature_invalid");
        expectProblem(given().contentType(ContentType.JSON).header("Stripe-Signature",
                StripeWebhookSigner.signatureHeader(event, PaymentFixtures.STRIPE_SIGNING_SECRET)).body(event)
                .post("/v1/webhooks/stripe/no-such-tenant").then(), 400, "webhook_signature_invalid");

        assertEquals("requires_action", payment((String) waiting.get("id")).get("status"));
    }

    @Test
    void aRefundMadeInTheDashboardIsRecordedAndAnnouncedOnce() {
        PaymentFixtures.configureStripe(tenant);
        Map<String, Object> captured = PaymentFixtures.capturedPayment(tenant, "stripe", "pm_card_visa", 4200);
        String intent = (String) captured.get("provider_reference");
        String refund = "re_" + UUID.randomUUID().toString().replace("-", "");
        String created = StripeWebhookSigner.refundEvent("evt_" + UUID.randomUUID(), "refund.created", refund, intent,
                null, "succeeded", 1500, "usd", "requested_by_customer");

        deliver(created).statusCode(200);
        deliver(created).statusCode(200); // redelivered
        deliver(StripeWebhookSigner.refundEvent("evt_" + UUID.randomUUID(), "refund.updated", refund, intent, null,
                "succeeded", 1500, "usd", "requested_by_customer")).statusCode(200); // same refund, another event

        String payment = (String) captured.get("id");
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment + "/refunds").then()
                .statusCode(200).body("data", hasSize(1)).body("data[0].source", equalTo("provider"))
                .body("data[0].provider_reference", equalTo(refund)).body("data[0].amount", equalTo(1500));
        assertEquals(1500, payment(payment).get("amount_refunded"));
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_REFUNDED, payment);
        assertEquals("provider", event.at("/data/refund/source").asText());
    }

    @Test
    void aDisputeIsOpenedAndClosedOnceWhateverArrivesAfter() {
        PaymentFixtures.configureStripe(tenant);
        Map<String, Object> captured = PaymentFixtures.capturedPayment(tenant, "stripe", "pm_card_visa", 4200);
        String intent = (String) captured.get("provider_reference");
        String dispute = "dp_" + UUID.randomUUID().toString().replace("-", "");

        deliver(StripeWebhookSigner.disputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", dispute, intent,
                "needs_response", 4200, "usd", "fraudulent")).statusCode(200);
        deliver(StripeWebhookSigner.disputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.closed", dispute, intent,
                "lost", 4200, "usd", "fraudulent")).statusCode(200);
        // An update sent before the closing one but delivered after it: a closed dispute stays closed.
        deliver(StripeWebhookSigner.disputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.updated", dispute, intent,
                "under_review", 4200, "usd", "fraudulent")).statusCode(200);

        String payment = (String) captured.get("id");
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment + "/disputes").then()
                .statusCode(200).body("data", hasSize(1)).body("data[0].status", equalTo("lost"))
                .body("data[0].reason", equalTo("fraudulent")).body("data[0].provider_reference", equalTo(dispute));
        PublishedEvents.only(Topics.PAYMENT_DISPUTE_OPENED, payment);
        JsonNode closed = PublishedEvents.only(Topics.PAYMENT_DISPUTE_CLOSED, payment);
        assertEquals("lost", closed.at("/data/dispute/status").asText());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private io.restassured.response.ValidatableResponse deliver(String event) {
        return given().contentType(ContentType.JSON)
                .header("Stripe-Signature", StripeWebhookSigner.signatureHeader(event,
                        PaymentFixtures.STRIPE_SIGNING_SECRET))
                .body(event).post("/v1/webhooks/stripe/" + tenant).then();
    }

    /** An invoice charged to a card whose issuer wants 3-D Secure: the payment waits for the customer. */
    private Map<String, Object> paymentAwaitingAuthentication() {
        PaymentFixtures.configureStripe(tenant);
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "stripe", "pm_card_authenticationRequired");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 990, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        return await().atMost(DEADLINE).until(() -> {
            List<Map<String, Object>> found = given().auth().oauth2(TestTokens.reader(tenant))
                    .queryParam("invoice_id", invoice.id().toString()).get("/v1/payments").then().statusCode(200)
                    .extract().path("data");
            return found.isEmpty() ? null : found.get(0);
        }, payment -> payment != null && "requires_action".equals(payment.get("status")));
    }

    private Map<String, Object> payment(String id) {
        return given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + id).then().statusCode(200)
                .extract().as(Map.class);
    }
}
