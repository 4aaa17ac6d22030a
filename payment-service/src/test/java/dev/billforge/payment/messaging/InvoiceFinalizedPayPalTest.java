package dev.billforge.payment.messaging;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.events.Topics;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.paypal.PayPalWebhookSigner;
import dev.billforge.testsupport.stripe.StripeJournal;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/**
 * A tenant on PayPal: vaulted tokens charged by an order created and captured with PayPal-Request-Ids, refunds to the
 * capture, and PayPal's webhooks verified by PayPal, all against the stand-in that speaks PayPal's wire format.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class InvoiceFinalizedPayPalTest {

    @ConfigProperty(name = "billforge.payment.providers.paypal.sandbox-api-base")
    String paypalBase;

    private final String tenant = "paypal-" + UUID.randomUUID();

    @Test
    void aVaultedCardIsChargedByAnOrderCreatedAndCapturedOnce() {
        PaymentFixtures.configurePayPal(tenant);
        Map<String, Object> payment = PaymentFixtures.capturedPayment(tenant, "paypal", "vault_card_visa", 1999);

        assertEquals("paypal", payment.get("provider"));
        String key = "invoice_" + payment.get("invoice_id") + "_attempt_1";
        StripeJournal journal = new StripeJournal(paypalBase);
        List<StripeJournal.Seen> orders = journal.withHeader("/v2/checkout/orders", "PayPal-Request-Id", key + "_order");
        assertEquals(1, orders.size());
        assertTrue(orders.get(0).body().contains("\"value\":\"19.99\"") && orders.get(0).body().contains(
                "\"vault_id\":\"vault_card_visa\""), orders.get(0).body());
        assertTrue(orders.get(0).body().contains("\"custom_id\":\"" + payment.get("id") + "\""));
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) payment.get("id"));
        assertEquals("paypal", event.at("/data/payment/provider").asText());
        assertEquals(payment.get("provider_reference"), event.at("/data/payment/provider_reference").asText());
    }

    @Test
    void aDeclinedCaptureFailsWithTheProcessorsReason() {
        PaymentFixtures.configurePayPal(tenant);
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        Map<String, Object> payment = PaymentFixtures.settledPayment(tenant, customer, "paypal", "vault_card_declined",
                4200, "failed");
        assertEquals("card_declined", payment.get("failure_code"));
        assertEquals("insufficient_funds", payment.get("decline_code"));
    }

    @Test
    void aPayPalWalletIsChargedAsAPayPalPaymentSource() {
        PaymentFixtures.configurePayPal(tenant);
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        String method = PaymentFixtures.attach(tenant, customer, "paypal", "vault_paypal_wallet");
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payment-methods/" + method).then()
                .body("card.brand", equalTo("paypal"));
        Map<String, Object> payment = PaymentFixtures.settledPayment(tenant, customer, "paypal", "vault_paypal_wallet",
                500, "succeeded");
        List<StripeJournal.Seen> orders = new StripeJournal(paypalBase).withHeader("/v2/checkout/orders",
                "PayPal-Request-Id", "invoice_" + payment.get("invoice_id") + "_attempt_1_order");
        assertTrue(orders.get(0).body().contains("\"paypal\":{\"vault_id\":\"vault_paypal_wallet\"}"),
                orders.get(0).body());
    }

    @Test
    void aRefundGoesToTheCaptureAndARefundMadeInPayPalArrivesByVerifiedWebhook() {
        PaymentFixtures.configurePayPal(tenant);
        Map<String, Object> payment = PaymentFixtures.capturedPayment(tenant, "paypal", "vault_card_visa", 3000);
        String capture = (String) payment.get("provider_reference");

        String refund = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"amount\":1000}").post("/v1/payments/" + payment.get("id") + "/refunds").then()
                .statusCode(201).body("status", equalTo("succeeded")).extract().path("id");
        List<StripeJournal.Seen> asked = new StripeJournal(paypalBase).withHeader("/v2/payments/captures/" + capture
                + "/refund", "PayPal-Request-Id", "refund_" + refund);
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).body().contains("\"value\":\"10.00\""), asked.get(0).body());

        // A refund made in PayPal's dashboard: PAYMENT.CAPTURE.REFUNDED, verified by PayPal before it counts.
        String event = PayPalWebhookSigner.captureRefunded(capture, "1JU08902781691411", "5.00", "USD");
        Map<String, String> headers = PayPalWebhookSigner.headers(event, PaymentFixtures.PAYPAL_WEBHOOK_ID);
        given().headers(headers).contentType(ContentType.JSON).body(event).post("/v1/webhooks/paypal/" + tenant)
                .then().statusCode(200);
        given().headers(headers).contentType(ContentType.JSON).body(event).post("/v1/webhooks/paypal/" + tenant)
                .then().statusCode(200); // delivered twice, counted once

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payments/" + payment.get("id")).then()
                .body("amount_refunded", equalTo(1500));
        PublishedEvents.exactly(Topics.PAYMENT_REFUNDED, (String) payment.get("id"), 2);

        // Signed for another webhook, or tampered with: PayPal does not verify it, and nothing changes.
        Map<String, String> otherWebhook = PayPalWebhookSigner.headers(event, "WH-SOMEONE-ELSE");
        expectProblem(given().headers(otherWebhook).contentType(ContentType.JSON).body(event)
                .post("/v1/webhooks/paypal/" + tenant).then(), 400, "webhook_signature_invalid");
        expectProblem(given().headers(headers).contentType(ContentType.JSON).body(event.replace("5.00", "15.00"))
                .post("/v1/webhooks/paypal/" + tenant).then(), 400, "webhook_signature_invalid");
        expectProblem(given().contentType(ContentType.JSON).body(event).post("/v1/webhooks/paypal/" + tenant).then(),
                400, "webhook_signature_invalid");
    }

    @Test
    void anUnknownVaultTokenIsRefusedWhenAttached() {
        PaymentFixtures.configurePayPal(tenant);
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"customer_id\":\"" + customer + "\",\"provider\":\"paypal\",\"token\":\"vault_nobody\"}")
                .post("/v1/payment-methods").then(), 400, "invalid_payment_token");
    }
}
