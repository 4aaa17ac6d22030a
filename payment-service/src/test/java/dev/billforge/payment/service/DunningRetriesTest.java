package dev.billforge.payment.service;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionPaused;
import dev.billforge.events.subscription.SubscriptionResumed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.payment.PublishedEvents;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/**
 * Dunning walked with the test clock: each failed invoice is retried on its tenant's schedule, counted from the first
 * failure, until a payment is captured or the schedule is exhausted.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class DunningRetriesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "dunning-" + UUID.randomUUID();

    @Test
    void aDecliningCardIsRetriedOnTheTenantsScheduleUntilItIsExhausted() {
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("retry_days", List.of(1, 2), "when_exhausted", "canceled"))
                .put("/v1/dunning-settings").then().statusCode(200).body("retry_days", equalTo(List.of(1, 2)));
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 2500, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));

        Map<String, Object> first = awaitAttempts(invoice, 1).get(0);
        Instant firstFailure = Instant.parse((String) first.get("updated_at"));
        Instant retryOne = nextRetry(first);
        assertEquals(Duration.ofDays(1), Duration.between(firstFailure, retryOne).withNanos(0));

        advanceTo(retryOne.plusSeconds(1));
        Map<String, Object> second = awaitAttempts(invoice, 2).get(0);
        assertEquals(2, second.get("attempt"));
        Instant retryTwo = nextRetry(second);
        assertEquals(Duration.ofDays(2), Duration.between(firstFailure, retryTwo).withNanos(0),
                "every retry day counts from the first failure");

        advanceTo(retryTwo.plusSeconds(1));
        Map<String, Object> third = awaitAttempts(invoice, 3).get(0);
        JsonNode lastFailure = PublishedEvents.only(Topics.PAYMENT_FAILED, (String) third.get("id"));
        assertTrue(lastFailure.at("/data/next_retry_at").isNull(), "no retry after the last");

        JsonNode exhausted = PublishedEvents.only(Topics.DUNNING_EXHAUSTED, invoice.id().toString()).get("data");
        assertEquals("canceled", exhausted.get("when_exhausted").asText());
        assertEquals(3, exhausted.get("attempts").asInt());
        assertEquals(2500, exhausted.get("amount").asLong());

        advanceTo(retryTwo.plus(Duration.ofDays(30)));
        await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> payments(invoice).size() == 3);
    }

    @Test
    void aNewDefaultPaymentMethodIsTriedAtOnceAndItsSuccessEndsDunning() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1800, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        Map<String, Object> declined = awaitAttempts(invoice, 1).get(0);
        assertEquals("failed", declined.get("status"));

        String visa = PaymentFixtures.attach(tenant, customer, "tok_visa");
        given().auth().oauth2(TestTokens.admin(tenant)).post("/v1/payment-methods/" + visa + "/default").then()
                .statusCode(200);

        Map<String, Object> retried = awaitAttempts(invoice, 2).get(0);
        assertEquals("succeeded", retried.get("status"), "retried now, with the new default, not in three days");
        assertEquals(visa, retried.get("payment_method_id"));
        advanceTo(Instant.parse((String) retried.get("updated_at")).plus(Duration.ofDays(10)));
        await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> payments(invoice).size() == 2);
    }

    @Test
    void theInvoicesOfAPausedSubscriptionAreNotRetriedUntilItResumes() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        PaymentFixtures.attach(tenant, customer, "tok_chargeDeclined");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 2100, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        Instant retryOne = nextRetry(awaitAttempts(invoice, 1).get(0));

        Instant pausedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var paused = subscriptionEvent(EventCatalog.SUBSCRIPTION_PAUSED, invoice, pausedAt,
                snapshot -> new SubscriptionPaused(snapshot, "past_due"));
        KafkaEvents.publish(paused);
        KafkaEvents.publish(paused); // redelivered
        KafkaEvents.awaitConsumed("payment-service", Topics.SUBSCRIPTION_PAUSED, DEADLINE);
        advanceTo(retryOne.plusSeconds(1));
        await().during(Duration.ofSeconds(3)).atMost(DEADLINE).until(() -> payments(invoice).size() == 1);

        var resumed = subscriptionEvent(EventCatalog.SUBSCRIPTION_RESUMED, invoice, pausedAt.plusSeconds(1),
                snapshot -> new SubscriptionResumed(snapshot, pausedAt, pausedAt.plus(Duration.ofDays(30))));
        KafkaEvents.publish(resumed);
        KafkaEvents.publish(resumed); // redelivered
        assertEquals(2, awaitAttempts(invoice, 2).get(0).get("attempt"), "the overdue retry runs once resumed");

        // A pause older than the resume, arriving late (another topic), does not pause it again.
        KafkaEvents.publish(subscriptionEvent(EventCatalog.SUBSCRIPTION_PAUSED, invoice, pausedAt.minusSeconds(1),
                snapshot -> new SubscriptionPaused(snapshot, "active")));
        KafkaEvents.awaitConsumed("payment-service", Topics.SUBSCRIPTION_PAUSED, DEADLINE);
        Instant retryTwo = nextRetry(awaitAttempts(invoice, 2).get(0));
        advanceTo(retryTwo.plusSeconds(1));
        assertEquals(3, awaitAttempts(invoice, 3).get(0).get("attempt"));
    }

    /** subscription-service's announcement about the invoice's subscription, at {@code at}. */
    private <T> EventEnvelope<T> subscriptionEvent(EventType<T> type, InvoiceSnapshot invoice, Instant at,
            java.util.function.Function<SubscriptionSnapshot, T> data) {
        SubscriptionSnapshot snapshot = new SubscriptionSnapshot(invoice.subscriptionId(), invoice.customerId(),
                new PlanSnapshot(UUID.randomUUID(), "Gold", invoice.amountDue(), "USD", "month", 1), "paused", at,
                at.plus(Duration.ofDays(30)), null, null, false, null, null, Map.of(), at, null);
        return EventEnvelope.of(type, UUID.randomUUID().toString(), "/subscription-service",
                invoice.subscriptionId().toString(), at, tenant, data.apply(snapshot));
    }

    @Test
    void settingsAreValidatedAndOnlyAnAdminChangesThem() {
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/dunning-settings").then().statusCode(200)
                .body("retry_days", equalTo(List.of(3, 5, 7))).body("when_exhausted", equalTo("unpaid"));
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("retry_days", List.of(5, 3), "when_exhausted", "unpaid")).put("/v1/dunning-settings")
                .then(), 400, "validation_failed");
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("retry_days", List.of(3), "when_exhausted", "forgiven")).put("/v1/dunning-settings")
                .then(), 400, "validation_failed");
        given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body(Map.of("retry_days", List.of(3), "when_exhausted", "unpaid")).put("/v1/dunning-settings")
                .then().statusCode(403);
    }

    @Test
    void movingOneTenantsClockRetriesOnlyThatTenantsInvoicesWhileTheOthersRunOnRealTime() {
        String other = "dunning-other-" + UUID.randomUUID();
        InvoiceSnapshot ours = declinedInvoice(tenant);
        InvoiceSnapshot theirs = declinedInvoice(other);
        Instant retryOne = nextRetry(awaitAttempts(tenant, ours, 1).get(0));
        nextRetry(awaitAttempts(other, theirs, 1).get(0));

        advanceTo(retryOne.plusSeconds(1));
        assertEquals(2, awaitAttempts(tenant, ours, 2).get(0).get("attempt"));
        given().auth().oauth2(TestTokens.reader(other)).get("/v1/test-clock").then().statusCode(200)
                .body("offset_seconds", equalTo(0));
        await().during(Duration.ofSeconds(3)).atMost(DEADLINE).until(() -> payments(other, theirs).size() == 1);

        // The other tenant's retry that is due in real time (a new default card is tried at once) still runs, in
        // the pass over everyone but the tenant whose clock is ahead.
        String visa = PaymentFixtures.attach(other, theirs.customerId(), "tok_visa");
        given().auth().oauth2(TestTokens.admin(other)).post("/v1/payment-methods/" + visa + "/default").then()
                .statusCode(200);
        assertEquals("succeeded", awaitAttempts(other, theirs, 2).get(0).get("status"));
        assertEquals(2, payments(tenant, ours).size(), "our clock did not move again");
    }

    private InvoiceSnapshot declinedInvoice(String tenantId) {
        UUID customer = PaymentFixtures.publishCustomer(tenantId);
        PaymentFixtures.attach(tenantId, customer, "tok_chargeDeclined");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1200, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenantId, invoice));
        return invoice;
    }

    @Test
    void theTestClockOnlyMovesForwardAndOnlyForThePlatformOperator() {
        Instant now = Instant.parse(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/test-clock").then()
                .statusCode(200).body("object", equalTo("test_clock")).extract().path("now"));
        expectProblem(asOperator().body(Map.of("tenant_id", tenant, "to", now.minusSeconds(3600).toString()))
                .post("/v1/test-clock/advance").then(), 400, "test_clock_cannot_go_back");
        // A tenant's own admin may not move time for its customers, nor may a reader.
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "advance_by", "PT1M")).post("/v1/test-clock/advance").then(), 403,
                "forbidden");
        given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "advance_by", "PT1M")).post("/v1/test-clock/advance").then()
                .statusCode(403);
        expectProblem(asOperator().body(Map.of("advance_by", "PT1M")).post("/v1/test-clock/advance").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("tenant_id"));
        Instant moved = Instant.parse(asOperator().body(Map.of("tenant_id", tenant, "advance_by", "PT1H"))
                .post("/v1/test-clock/advance").then().statusCode(200).extract().path("now"));
        assertTrue(!moved.isBefore(now.plusSeconds(3600)), moved + " is an hour after " + now);
        Instant unmoved = Instant.parse(given().auth().oauth2(TestTokens.reader("bystander-" + UUID.randomUUID()))
                .get("/v1/test-clock").then().statusCode(200).extract().path("now"));
        assertTrue(unmoved.isBefore(now.plusSeconds(1800)), "another tenant's clock stays at real time: " + unmoved);
    }

    private static io.restassured.specification.RequestSpecification asOperator() {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON);
    }

    private void advanceTo(Instant target) {
        asOperator().body(Map.of("tenant_id", tenant, "to", target.toString())).post("/v1/test-clock/advance").then()
                .statusCode(200);
    }

    private static Instant nextRetry(Map<String, Object> failed) {
        JsonNode event = PublishedEvents.only(Topics.PAYMENT_FAILED, (String) failed.get("id"));
        return Instant.parse(event.at("/data/next_retry_at").asText());
    }

    /** The invoice's payments, newest first, once there are {@code count} and the newest has settled. */
    private List<Map<String, Object>> awaitAttempts(InvoiceSnapshot invoice, int count) {
        return awaitAttempts(tenant, invoice, count);
    }

    private List<Map<String, Object>> awaitAttempts(String tenantId, InvoiceSnapshot invoice, int count) {
        return await().atMost(DEADLINE).until(() -> payments(tenantId, invoice), found -> found.size() == count
                && !"processing".equals(found.get(0).get("status")));
    }

    private List<Map<String, Object>> payments(InvoiceSnapshot invoice) {
        return payments(tenant, invoice);
    }

    private List<Map<String, Object>> payments(String tenantId, InvoiceSnapshot invoice) {
        return given().auth().oauth2(TestTokens.reader(tenantId)).queryParam("invoice_id", invoice.id().toString())
                .get("/v1/payments").then().statusCode(200).extract().path("data");
    }
}
