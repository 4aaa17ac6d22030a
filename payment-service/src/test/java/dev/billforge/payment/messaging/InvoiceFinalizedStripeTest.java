package dev.billforge.payment.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeJournal;
import dev.billforge.testsupport.stripe.StripeJournal.Seen;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/**
 * Invoices of a tenant configured for Stripe are collected through stripe-java, against the local stand-in that
 * speaks Stripe's wire format; the stand-in's journal shows what Stripe would have received.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class InvoiceFinalizedStripeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PAYMENT_INTENTS = "/v1/payment_intents";

    @ConfigProperty(name = "billforge.payment.providers.stripe.api-base")
    String stripeBase;

    private final String tenant = "stripe-" + UUID.randomUUID();

    @Test
    void aVisaIsChargedOffSessionOnceWithTheAttemptsKey() {
        InvoiceSnapshot invoice = finalizeInvoiceFor("pm_card_visa", 4200);

        Map<String, Object> payment = awaitSettled(invoice, "succeeded");
        assertTrue(((String) payment.get("provider_reference")).startsWith("pi_"), payment.toString());
        assertEquals("stripe", payment.get("provider"));
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) payment.get("id"));
        assertEquals("stripe", event.at("/data/payment/provider").asText());

        List<Seen> requests = journal().withKey(PAYMENT_INTENTS, key(invoice));
        assertEquals(1, requests.size());
        String form = requests.get(0).body();
        for (String field : new String[] { "amount=4200", "currency=usd", "confirm=true", "off_session=true",
                "payment_method=pm_card_visa", "customer=cus_" }) {
            assertTrue(form.contains(field), field + " in " + form);
        }
    }

    @Test
    void eachDeclineKeepsStripesCodeAndTheIssuersReason() {
        Map<String, String[]> declines = Map.of(
                "pm_card_chargeDeclinedInsufficientFunds", new String[] { "card_declined", "insufficient_funds" },
                "pm_card_chargeDeclinedLostCard", new String[] { "card_declined", "lost_card" },
                "pm_card_chargeDeclined", new String[] { "card_declined", "generic_decline" },
                "pm_card_chargeDeclinedExpiredCard", new String[] { "expired_card", null },
                "pm_card_chargeDeclinedIncorrectCvc", new String[] { "incorrect_cvc", null },
                "pm_card_chargeDeclinedProcessingError", new String[] { "processing_error", null });
        declines.forEach((token, expected) -> {
            InvoiceSnapshot invoice = finalizeInvoiceFor(token, 1500);
            Map<String, Object> payment = awaitSettled(invoice, "failed");
            assertEquals(expected[0], payment.get("failure_code"), token);
            assertEquals(expected[1], payment.get("decline_code"), token);
            assertTrue(((String) payment.get("provider_reference")).startsWith("pi_"), token);
            JsonNode event = PublishedEvents.only(Topics.PAYMENT_FAILED, (String) payment.get("id"));
            assertEquals(expected[0], event.at("/data/payment/failure_code").asText(), token);
        });
    }

    @Test
    void aCardThatNeedsAuthenticationWaitsForTheCustomer() {
        InvoiceSnapshot invoice = finalizeInvoiceFor("pm_card_authenticationRequired", 990);

        Map<String, Object> payment = awaitSettled(invoice, "requires_action");
        assertEquals("authentication_required", payment.get("failure_code"));
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_ACTION_REQUIRED, (String) payment.get("id"));
        assertEquals("requires_action", event.at("/data/payment/status").asText());
    }

    @Test
    void anAnswerThatComesTooLateIsAskedForAgainWithTheSameKeyAndChargedOnce() {
        InvoiceSnapshot invoice = finalizeInvoiceFor("pm_card_standinTimeoutOnce", 2500);

        Map<String, Object> payment = awaitSettled(invoice, "succeeded");
        List<Seen> requests = journal().withKey(PAYMENT_INTENTS, key(invoice));
        assertTrue(requests.size() >= 2, "the first answer timed out, so the request was repeated: " + requests);
        assertTrue(requests.stream().allMatch(seen -> seen.body().equals(requests.get(0).body())), "same parameters");
        assertEquals(1, journal().actedOn(PAYMENT_INTENTS, key(invoice)), "Stripe charged once");
        PublishedEvents.only(Topics.PAYMENT_SUCCEEDED, (String) payment.get("id"));
    }

    @Test
    void rateLimitsAndServerErrorsLeaveTheOutcomeOpenAndAreRetriedWithTheSameKey() {
        for (String token : new String[] { "pm_card_standinRateLimited", "pm_card_standinApiError" }) {
            InvoiceSnapshot invoice = finalizeInvoiceFor(token, 700);
            // The SDK's own retry, then the recovery job's (every second in tests, after 3 s): all with one key.
            await().atMost(DEADLINE).until(() -> journal().withKey(PAYMENT_INTENTS, key(invoice)).size() >= 3);
            Map<String, Object> payment = payments(invoice).get(0);
            assertEquals("processing", payment.get("status"), token + ": no outcome is invented");
            assertNull(payment.get("failure_code"), token);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private InvoiceSnapshot finalizeInvoiceFor(String token, long amount) {
        PaymentFixtures.configureStripe(tenant);
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "stripe", token);
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, amount, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        return invoice;
    }

    private static String key(InvoiceSnapshot invoice) {
        return "invoice_" + invoice.id() + "_attempt_1";
    }

    private StripeJournal journal() {
        return new StripeJournal(stripeBase);
    }

    private List<Map<String, Object>> payments(InvoiceSnapshot invoice) {
        return given().auth().oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", invoice.id().toString())
                .get("/v1/payments").then().statusCode(200).extract().path("data");
    }

    private Map<String, Object> awaitSettled(InvoiceSnapshot invoice, String status) {
        return await().atMost(DEADLINE).until(() -> payments(invoice),
                list -> list.size() == 1 && status.equals(list.get(0).get("status"))).get(0);
    }
}
