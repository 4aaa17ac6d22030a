package dev.billforge.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.billforge.testsupport.stripe.StripeJournal;
import dev.billforge.testsupport.stripe.StripeWebhookSigner;
import dev.billforge.testsupport.webhooks.WebhookReceiver;

/**
 * The paid subscription, end to end, across the five service processes: a client calls only the public API
 * (through the ingress) and the services do the rest over Kafka.
 */
class PaidSubscriptionSystemTest extends SystemTestBase {

    @Test
    void aCardThatPaysMakesThePaidInvoiceTheSucceededPaymentTheActiveSubscriptionAndAReceipt() {
        Flow flow = subscribeWithCard("tok_visa");

        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "status", "paid");
        assertEquals(1999, invoice.getInt("data[0].amount_due"));
        assertEquals(1999, invoice.getInt("data[0].amount_paid"));
        assertEquals(0, invoice.getInt("data[0].amount_remaining"));
        assertEquals("USD", invoice.getString("data[0].currency"));
        assertEquals(1, invoice.getList("data[0].lines").size());
        String invoiceId = invoice.getString("data[0].id");

        JsonPath payment = awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "succeeded");
        assertEquals(1999, payment.getInt("data[0].amount"));
        assertEquals(flow.subscription(), payment.getString("data[0].subscription_id"));

        Awaitility.await("subscription active").atMost(FLOW_DEADLINE).until(() -> "active".equals(
                as(tenant).get("/v1/subscriptions/" + flow.subscription()).then().extract().path("status")));

        JsonPath receipt = awaitOne("/v1/notifications?customer_id=" + flow.customer() + "&type=payment_receipt",
                "type", "payment_receipt");
        assertEquals(flow.email(), receipt.getString("data[0].recipient"));

        as(tenant).get("/v1/invoices/" + invoiceId).then().statusCode(200)
                .body("number", matchesPattern("INV-\\d{6}")).body("lines[0].amount", equalTo(1999));
    }

    @Test
    void aStripeTenantPaysThroughStripeJavaAndItsSecretsStayHidden() {
        // Letters only after the prefix: a random hex run of 13+ digits can pass for a card number (about 1 run in
        // 500), which the API refuses in any field.
        String secretKey = "sk_test_51SystemTest" + UUID.randomUUID().toString().replaceAll("[-0-9]", "");
        String signingSecret = "whsec_systemTest" + UUID.randomUUID().toString().replaceAll("[-0-9]", "");
        String configured = as(tenant).body(Map.of("secret_key", secretKey, "webhook_signing_secret", signingSecret))
                .put("/v1/provider-accounts/stripe").then().log().ifValidationFails().statusCode(200).extract()
                .asString();
        Flow flow = subscribeWithCard("stripe", "pm_card_visa");

        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "status", "paid");
        String invoiceId = invoice.getString("data[0].id");
        JsonPath payment = awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "succeeded");
        assertEquals("stripe", payment.getString("data[0].provider"));
        assertTrue(payment.getString("data[0].provider_reference").startsWith("pi_"));
        assertEquals(1, new StripeJournal(platform.stripeBase()).actedOn("/v1/payment_intents",
                "invoice_" + invoiceId + "_attempt_1"), "one PaymentIntent for the invoice's first attempt");
        Awaitility.await("subscription active").atMost(FLOW_DEADLINE).until(() -> "active".equals(
                as(tenant).get("/v1/subscriptions/" + flow.subscription()).then().extract().path("status")));

        // A delivery not signed with the tenant's secret is refused at the public webhook URL.
        String forged = "{\"id\":\"evt_forged\",\"type\":\"payment_intent.payment_failed\",\"data\":{\"object\":{"
                + "\"id\":\"" + payment.getString("data[0].provider_reference") + "\"}}}";
        given().contentType(ContentType.JSON).header("Stripe-Signature",
                StripeWebhookSigner.signatureHeader(forged, "whsec_notTheTenantsSecret")).body(forged)
                .post("/v1/webhooks/stripe/" + tenant).then().statusCode(400)
                .body("code", equalTo("webhook_signature_invalid"));
        awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "succeeded");

        // A refund made in Stripe's dashboard arrives by signed webhook: recorded once, credited with a credit note.
        String refundEvent = StripeWebhookSigner.refundEvent("evt_" + UUID.randomUUID(), "refund.created",
                "re_dashboard" + UUID.randomUUID().toString().replace("-", ""),
                payment.getString("data[0].provider_reference"), null, "succeeded", 500, "usd",
                "requested_by_customer");
        for (int delivery = 0; delivery < 2; delivery++) { // Stripe may deliver an event more than once
            given().contentType(ContentType.JSON).header("Stripe-Signature",
                    StripeWebhookSigner.signatureHeader(refundEvent, signingSecret)).body(refundEvent)
                    .post("/v1/webhooks/stripe/" + tenant).then().statusCode(200);
        }
        JsonPath creditNote = awaitOne("/v1/credit-notes?invoice_id=" + invoiceId, "amount", "500");
        assertTrue(creditNote.getString("data[0].number").matches("CN-\\d{6}"), creditNote.prettify());
        as(tenant).get("/v1/invoices/" + invoiceId).then().body("amount_refunded", equalTo(500))
                .body("status", equalTo("paid"));
        as(tenant).get("/v1/payments/" + payment.getString("data[0].id") + "/refunds").then()
                .body("data", hasSize(1)).body("data[0].source", equalTo("provider"));
        // ... and the customer is told, by email over SMTP, naming the credit note.
        MimeMessage refundEmail = awaitEmail(flow.email(), "Refund of $5.00");
        assertTrue(GreenMailUtil.getBody(refundEmail).contains("Credit note: " + creditNote.getString("data[0].number")),
                GreenMailUtil.getBody(refundEmail));

        // The secrets never come back: not in answers, not in any service's log.
        String listed = as(tenant).get("/v1/provider-accounts").then().statusCode(200).extract().asString();
        String logs = platform.serviceLogs();
        for (String secret : new String[] { secretKey, signingSecret }) {
            assertFalse(configured.contains(secret) || listed.contains(secret), "answered: " + secret);
            assertFalse(logs.contains(secret), "a service logged a secret");
        }
    }

    @Test
    void aPayPalTenantIsChargedAndRefundsThroughPayPalsApi() {
        String clientSecret = "EPayPalSystemTest" + UUID.randomUUID().toString().replaceAll("[-0-9]", "");
        as(tenant).body(Map.of("client_id", "AbSystemTestClient", "client_secret", clientSecret, "webhook_id",
                "WH-SYSTEM-TEST", "mode", "sandbox")).put("/v1/provider-accounts/paypal").then().log()
                .ifValidationFails().statusCode(200);
        Flow flow = subscribeWithCard("paypal", "vault_card_visa");

        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "status", "paid");
        String invoiceId = invoice.getString("data[0].id");
        JsonPath payment = awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "succeeded");
        assertEquals("paypal", payment.getString("data[0].provider"));
        String paymentId = payment.getString("data[0].id");
        assertEquals(1, new StripeJournal(platform.paypalBase()).withHeader("/v2/checkout/orders", "PayPal-Request-Id",
                "invoice_" + invoiceId + "_attempt_1_order").size(), "one order for the invoice's first attempt");

        as(tenant).body(Map.of("amount", 1999, "reason", "requested_by_customer"))
                .post("/v1/payments/" + paymentId + "/refunds").then().statusCode(201)
                .body("status", equalTo("succeeded")).body("provider", equalTo("paypal"));
        JsonPath creditNote = awaitOne("/v1/credit-notes?invoice_id=" + invoiceId, "amount", "1999");
        as(tenant).get("/v1/invoices/" + invoiceId).then().body("amount_refunded", equalTo(1999));
        MimeMessage refundEmail = awaitEmail(flow.email(), "Refund of $19.99");
        assertTrue(GreenMailUtil.getBody(refundEmail).contains(creditNote.getString("data[0].number")));
        assertFalse(platform.serviceLogs().contains(clientSecret), "a service logged the PayPal client secret");
    }

    @Test
    void aDeclinedCardLeavesTheInvoiceOpenTheSubscriptionPastDueAndTellsTheCustomer() {
        Flow flow = subscribeWithCard("tok_chargeDeclined");

        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "attempt_count", "1");
        assertEquals("open", invoice.getString("data[0].status"));
        assertEquals(1999, invoice.getInt("data[0].amount_remaining"));
        String invoiceId = invoice.getString("data[0].id");

        JsonPath payment = awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "failed");
        assertEquals("card_declined", payment.getString("data[0].failure_code"));

        Awaitility.await("subscription past_due").atMost(FLOW_DEADLINE).until(() -> "past_due".equals(
                as(tenant).get("/v1/subscriptions/" + flow.subscription()).then().extract().path("status")));

        JsonPath notice = awaitOne("/v1/notifications?customer_id=" + flow.customer() + "&type=payment_failed",
                "type", "payment_failed");
        assertEquals(flow.email(), notice.getString("data[0].recipient"));
    }

    @Test
    void aStripeCardThatKeepsDecliningWalksTheDunningScheduleToUnpaidAsTheTestClockMoves() {
        as(tenant).body(Map.of("secret_key", "sk_test_51Dunning" + UUID.randomUUID().toString().replaceAll("[-0-9]",
                ""), "webhook_signing_secret", "whsec_dunning" + UUID.randomUUID().toString().replaceAll("[-0-9]", "")))
                .put("/v1/provider-accounts/stripe").then().statusCode(200);
        Flow flow = subscribeWithCard("stripe", "pm_card_chargeDeclinedInsufficientFunds");
        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "attempt_count", "1");
        String invoiceId = invoice.getString("data[0].id");
        Instant firstRetry = Instant.parse(invoice.getString("data[0].next_payment_attempt"));
        String failedEmail = GreenMailUtil.getBody(awaitEmail(flow.email(), "Your payment of $19.99 failed"));
        assertTrue(failedEmail.contains("We will try again on " + LocalDate.ofInstant(firstRetry, ZoneOffset.UTC)),
                failedEmail);

        // The default schedule: retries 3, 5 and 7 days after the first failure, then the invoice is given up on.
        Instant retry = firstRetry;
        for (int attempt = 2; attempt <= 4; attempt++) {
            moveClockTo(retry.plusSeconds(1));
            JsonPath retried = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "attempt_count",
                    Integer.toString(attempt));
            String next = retried.getString("data[0].next_payment_attempt");
            if (attempt < 4) {
                assertEquals(Duration.ofDays(2), Duration.between(retry, Instant.parse(next)).withNanos(0),
                        "3, 5, 7 days after the first failure: two days apart");
                retry = Instant.parse(next);
            }
        }
        awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "status", "uncollectible");
        Awaitility.await("subscription unpaid").atMost(FLOW_DEADLINE).until(() -> "unpaid".equals(
                as(tenant).get("/v1/subscriptions/" + flow.subscription()).then().extract().path("status")));
        List<String> statuses = as(tenant).get("/v1/payments?invoice_id=" + invoiceId).then().statusCode(200)
                .extract().path("data.status");
        assertEquals(List.of("failed", "failed", "failed", "failed"), statuses);
        for (int attempt = 1; attempt <= 4; attempt++) { // each attempt its own PaymentIntent, each asked for once
            assertEquals(1, new StripeJournal(platform.stripeBase()).actedOn("/v1/payment_intents",
                    "invoice_" + invoiceId + "_attempt_" + attempt));
        }
        as(tenant).get("/v1/invoices/" + invoiceId).then().body("next_payment_attempt", nullValue());
    }

    @Test
    void aTenantsWebhookEndpointGetsSignedEventsAndARetryAfterAnswering500() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Map<String, Object> endpoint = as(tenant).body(Map.of("url", receiver.url("/billing-events"),
                    "event_types", List.of("invoice.paid"))).post("/v1/webhook-endpoints").then().statusCode(201)
                    .extract().as(Map.class);
            receiver.answerWith(500);
            Flow flow = subscribeWithCard("tok_visa");

            List<WebhookReceiver.Received> requests = Awaitility.await("two deliveries of invoice.paid")
                    .atMost(FLOW_DEADLINE).until(receiver::received, received -> received.size() == 2);
            for (WebhookReceiver.Received request : requests) {
                assertTrue(WebhookReceiver.signedWith(request.header("Billing-Signature"), request.body(),
                        (String) endpoint.get("secret")), "signed with the endpoint's secret");
                assertTrue(request.body().contains("\"subscription_id\":\"" + flow.subscription() + "\""),
                        request.body());
            }
            assertEquals(requests.get(0).header("Billing-Event-Id"), requests.get(1).header("Billing-Event-Id"));
            JsonPath log = awaitOne("/v1/webhook-endpoints/" + endpoint.get("id") + "/deliveries", "status",
                    "delivered");
            assertEquals(2, log.getInt("data[0].attempts"), "answered 500 once, then delivered");
            assertEquals("invoice.paid", log.getString("data[0].event_type"));
            assertFalse(platform.serviceLogs().contains((String) endpoint.get("secret")), "a service logged the secret");
            as(tenant).get("/v1/webhook-endpoints/" + endpoint.get("id")).then().body("secret", nullValue());
        }
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        Flow flow = subscribeWithCard("tok_visa");
        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + flow.subscription(), "status", "paid");
        String invoiceId = invoice.getString("data[0].id");
        String paymentId = awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "succeeded")
                .getString("data[0].id");
        awaitOne("/v1/notifications?customer_id=" + flow.customer() + "&type=payment_receipt", "type",
                "payment_receipt");

        String stranger = "stranger-" + UUID.randomUUID();
        for (String list : List.of("/v1/customers", "/v1/plans", "/v1/subscriptions", "/v1/invoices", "/v1/payments",
                "/v1/payment-methods?customer_id=" + flow.customer(), "/v1/notifications")) {
            as(stranger).get(list).then().statusCode(200).body("data", hasSize(0));
        }
        for (String one : List.of("/v1/customers/" + flow.customer(), "/v1/plans/" + flow.plan(),
                "/v1/subscriptions/" + flow.subscription(), "/v1/invoices/" + invoiceId, "/v1/payments/" + paymentId)) {
            as(stranger).get(one).then().statusCode(404);
        }
        as(stranger).body(Map.of("customer_id", flow.customer(), "plan_id", flow.plan()))
                .post("/v1/subscriptions").then().statusCode(404);
    }
}
