package dev.billforge.subscription.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** What subscription-service publishes, and how it follows invoice.paid and payment.failed. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class SubscriptionMessagingTest {

    private static final String GROUP = "subscription-service";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private UUID subscribe() {
        String plan = asAdmin().body("{\"name\": \"Gold\", \"amount\": 1999, \"currency\": \"USD\", \"interval\": \"month\"}")
                .post("/v1/plans").then().statusCode(201).extract().path("id");
        UUID customer = CustomerAnnouncements.announce(tenant, "ada@example.com");
        String id = asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan + "\"}")
                .post("/v1/subscriptions").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private String status(UUID subscription) {
        return asAdmin().get("/v1/subscriptions/" + subscription).then().statusCode(200).extract().path("status");
    }

    private EventEnvelope<PaymentFailed> paymentFailed(UUID subscription, Instant at) {
        PaymentSnapshot payment = new PaymentSnapshot(UUID.randomUUID(), UUID.randomUUID(), subscription,
                UUID.randomUUID(), 1999, "USD", 0, "failed", "simulator", null, UUID.randomUUID(), 1, "card_declined", null,
                "Your card was declined.", at);
        return EventEnvelope.of(EventCatalog.PAYMENT_FAILED, UUID.randomUUID().toString(), "/payment-service",
                payment.id().toString(), at, tenant, new PaymentFailed(payment, null));
    }

    private EventEnvelope<InvoicePaid> invoicePaid(UUID subscription, Instant at) {
        InvoiceSnapshot invoice = new InvoiceSnapshot(UUID.randomUUID(), "INV-000001", UUID.randomUUID(),
                subscription, "paid", "USD", 1999, 1999, 0, 1999L, 0L, 0L, 1,
                at.atZone(java.time.ZoneOffset.UTC).toLocalDate(), at,
                at.plus(30, ChronoUnit.DAYS), List.of(), at, at, at, InvoiceSnapshot.CHARGE_AUTOMATICALLY, null, null, null);
        return EventEnvelope.of(EventCatalog.INVOICE_PAID, UUID.randomUUID().toString(), "/invoicing-service",
                invoice.id().toString(), at, tenant, new InvoicePaid(invoice, UUID.randomUUID()));
    }

    private EventEnvelope<DunningExhausted> dunningExhausted(UUID subscription, String whenExhausted, Instant at) {
        UUID invoice = UUID.randomUUID();
        return EventEnvelope.of(EventCatalog.DUNNING_EXHAUSTED, UUID.randomUUID().toString(), "/payment-service",
                invoice.toString(), at, tenant, new DunningExhausted(invoice, subscription, UUID.randomUUID(), 1999,
                        "USD", 4, at.minus(7, ChronoUnit.DAYS), at, whenExhausted));
    }

    @Test
    void whenDunningGivesUpTheSubscriptionIsUnpaidOrCanceledAsTheTenantChose() {
        UUID kept = subscribe();
        KafkaEvents.publish(paymentFailed(kept, Instant.now()));
        KafkaEvents.publish(dunningExhausted(kept, "unpaid", Instant.now().plusMillis(1)));
        KafkaEvents.awaitConsumed(GROUP, Topics.DUNNING_EXHAUSTED, DEADLINE);
        assertEquals("unpaid", status(kept));
        KafkaEvents.publish(invoicePaid(kept, Instant.now().plusMillis(2)));
        KafkaEvents.awaitConsumed(GROUP, Topics.INVOICE_PAID, DEADLINE);
        assertEquals("active", status(kept), "a later paid invoice brings an unpaid subscription back");

        UUID ended = subscribe();
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_CANCELED)) {
            var exhausted = dunningExhausted(ended, "canceled", Instant.now());
            KafkaEvents.publish(exhausted);
            KafkaEvents.publish(exhausted); // redelivered
            KafkaEvents.awaitConsumed(GROUP, Topics.DUNNING_EXHAUSTED, DEADLINE);
            assertEquals("canceled", status(ended));
            assertEquals(1, reader.awaitKey(ended.toString(), DEADLINE, Duration.ofSeconds(1)).size());
        }
    }

    @Test
    void aTrialEndingWithinThreeDaysIsAnnouncedOnceAndALongerOneNotYet() {
        String plan = asAdmin().body("{\"name\": \"Trial\", \"amount\": 1999, \"currency\": \"USD\","
                + " \"interval\": \"month\"}").post("/v1/plans").then().statusCode(201).extract().path("id");
        UUID customer = CustomerAnnouncements.announce(tenant, "ada@example.com");
        UUID other = CustomerAnnouncements.announce(tenant, "grace@example.com");
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_TRIAL_WILL_END)) {
            String ending = asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan
                    + "\", \"trial_period_days\": 2}").post("/v1/subscriptions").then().statusCode(201)
                    .extract().path("id");
            String later = asAdmin().body("{\"customer_id\": \"" + other + "\", \"plan_id\": \"" + plan
                    + "\", \"trial_period_days\": 14}").post("/v1/subscriptions").then().statusCode(201)
                    .extract().path("id");

            var records = reader.awaitKey(ending, DEADLINE, Duration.ofSeconds(3)); // several scheduler passes
            assertEquals(1, records.size(), "announced once");
            var data = EventJson.data(EventJson.read(records.get(0).value()), EventCatalog.SUBSCRIPTION_TRIAL_WILL_END);
            assertEquals("trialing", data.subscription().status());
            assertEquals(List.of(), reader.readFor(Duration.ZERO).stream().filter(r -> later.equals(r.key())).toList(),
                    "a trial ending in 14 days is announced 3 days before, not now");
        }
    }

    @Test
    void subscriptionCreatedCarriesThePriceToInvoice() {
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_CREATED)) {
            UUID subscription = subscribe();
            var records = reader.awaitKey(subscription.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, records.size());
            var event = EventJson.read(records.get(0).value());
            var data = EventJson.data(event, EventCatalog.SUBSCRIPTION_CREATED).subscription();
            assertEquals(tenant, event.tenantid());
            assertEquals("incomplete", data.status());
            assertEquals(1999, data.plan().amount());
            assertEquals("USD", data.plan().currency());
            assertEquals("month", data.plan().interval());
            assertFalse(data.trialing());
        }
    }

    @Test
    void aFailedPaymentMakesItPastDueAndAPaidInvoiceActiveAgainEachOnce() {
        UUID subscription = subscribe();
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_UPDATED)) {
            var failed = paymentFailed(subscription, Instant.now());
            KafkaEvents.publish(failed);
            KafkaEvents.publish(failed); // redelivered
            KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_FAILED, DEADLINE);
            assertEquals("past_due", status(subscription));

            var paid = invoicePaid(subscription, Instant.now().plusMillis(1));
            KafkaEvents.publish(paid);
            KafkaEvents.publish(paid);
            KafkaEvents.awaitConsumed(GROUP, Topics.INVOICE_PAID, DEADLINE);
            assertEquals("active", status(subscription));

            var records = reader.awaitKey(subscription.toString(), DEADLINE, Duration.ofSeconds(2));
            assertEquals(2, records.size(), "one subscription.updated per change, none for the duplicates");
            var first = EventJson.data(EventJson.read(records.get(0).value()), EventCatalog.SUBSCRIPTION_UPDATED);
            var second = EventJson.data(EventJson.read(records.get(1).value()), EventCatalog.SUBSCRIPTION_UPDATED);
            assertEquals(List.of("incomplete", "past_due"), List.of(first.previousStatus(), first.subscription().status()));
            assertEquals(List.of("past_due", "active"), List.of(second.previousStatus(), second.subscription().status()));
            assertEquals(List.of("status"), second.changedFields());
        }
    }

    @Test
    void aFailureOlderThanThePaymentThatSettledTheInvoiceChangesNothing() {
        UUID subscription = subscribe();
        Instant paidAt = Instant.now();
        KafkaEvents.publish(invoicePaid(subscription, paidAt));
        Awaitility.await().atMost(DEADLINE).until(() -> "active".equals(status(subscription)));
        KafkaEvents.publish(paymentFailed(subscription, paidAt.minusSeconds(5)));
        KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_FAILED, DEADLINE);
        assertEquals("active", status(subscription));
    }

    @Test
    void cancelingPublishesCanceledOrUpdated() {
        UUID now = subscribe();
        UUID later = subscribe();
        try (var canceled = new KafkaTopicReader(Topics.SUBSCRIPTION_CANCELED);
                var updated = new KafkaTopicReader(Topics.SUBSCRIPTION_UPDATED)) {
            asAdmin().post("/v1/subscriptions/" + now + "/cancel").then().statusCode(200);
            asAdmin().body("{\"at_period_end\": true}").post("/v1/subscriptions/" + later + "/cancel").then()
                    .statusCode(200);
            asAdmin().body("{\"at_period_end\": true}").post("/v1/subscriptions/" + later + "/cancel").then()
                    .statusCode(200).body("cancel_at_period_end", equalTo(true));

            var end = canceled.awaitKey(now.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, end.size());
            var data = EventJson.data(EventJson.read(end.get(0).value()), EventCatalog.SUBSCRIPTION_CANCELED);
            assertEquals("canceled", data.subscription().status());
            assertEquals("incomplete", data.previousStatus());
            assertEquals("cancellation_requested", data.cancellationReason(), "its unpaid invoices are voided");

            var scheduled = updated.awaitKey(later.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, scheduled.size(), "scheduling the same end twice publishes once");
            assertEquals(List.of("cancel_at_period_end"), EventJson.data(EventJson.read(scheduled.get(0).value()),
                    EventCatalog.SUBSCRIPTION_UPDATED).changedFields());
        }
    }

    @Test
    void concurrentCancelsEndTheSubscriptionOnceAndAnnounceItOnce() {
        UUID subscription = subscribe();
        try (var canceled = new KafkaTopicReader(Topics.SUBSCRIPTION_CANCELED)) {
            List<Integer> statuses = java.util.stream.IntStream.range(0, 6).parallel()
                    .mapToObj(i -> asAdmin().post("/v1/subscriptions/" + subscription + "/cancel").statusCode())
                    .toList();
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
            // The others lost: to the version check while the winner was writing, or to the canceled status after.
            assertEquals(5, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
            assertEquals(1, canceled.awaitKey(subscription.toString(), DEADLINE, Duration.ofSeconds(1)).size());
        }
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextOneStillProcessed() {
        UUID subscription = subscribe();
        KafkaEvents.publishRaw(Topics.PAYMENT_FAILED, subscription.toString(), "{not json");
        KafkaEvents.publish(paymentFailed(subscription, Instant.now()));
        Awaitility.await().atMost(DEADLINE).until(() -> "past_due".equals(status(subscription)));
        try (var dlq = new KafkaTopicReader(Topics.deadLetter("subscription-service"))) {
            dlq.readUntil(records -> records.stream().anyMatch(r -> "{not json".equals(r.value())), DEADLINE);
        }
    }

    @Test
    void pauseAndResumeAreAnnouncedWithTheNewPeriodToInvoice() {
        UUID subscription = subscribe();
        try (var paused = new KafkaTopicReader(Topics.SUBSCRIPTION_PAUSED);
                var resumed = new KafkaTopicReader(Topics.SUBSCRIPTION_RESUMED)) {
            asAdmin().post("/v1/subscriptions/" + subscription + "/pause").then().statusCode(200);
            String start = asAdmin().post("/v1/subscriptions/" + subscription + "/resume").then().statusCode(200)
                    .extract().path("current_period_start");

            var pause = EventJson.data(EventJson.read(paused.awaitKey(subscription.toString(), DEADLINE,
                    Duration.ofSeconds(1)).get(0).value()), EventCatalog.SUBSCRIPTION_PAUSED);
            assertEquals(List.of("incomplete", "paused"), List.of(pause.previousStatus(), pause.subscription().status()));
            var records = resumed.awaitKey(subscription.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, records.size());
            var resume = EventJson.data(EventJson.read(records.get(0).value()), EventCatalog.SUBSCRIPTION_RESUMED);
            assertEquals(Instant.parse(start), resume.periodStart());
            assertEquals(resume.subscription().currentPeriodEnd(), resume.periodEnd());
            assertEquals("active", resume.subscription().status());
        }
    }
}
