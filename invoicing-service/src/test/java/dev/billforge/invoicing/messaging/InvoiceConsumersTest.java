package dev.billforge.invoicing.messaging;

import static dev.billforge.invoicing.Billing.DEADLINE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentRefunded;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionCreated;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** Feeds subscription and payment events through the real broker, as the other services would publish them. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InvoiceConsumersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "invoicing-service";

    private final String tenant = "consumers-" + UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();

    private ValidatableResponse read(String invoiceId) {
        return given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + invoiceId).then().statusCode(200);
    }

    // --- subscription.created ---------------------------------------------------------------------------------

    @Test
    void anInvoiceOfNothingIsPaidAsItIsFinalizedSoItsSubscriptionCanBecomeActive() throws Exception {
        String id = Billing.invoiceFor(tenant, customer, 0);
        read(id).body("status", equalTo("paid")).body("amount_due", equalTo(0)).body("paid_at", notNullValue());
        JsonNode paid = JSON.readTree(only(Topics.INVOICE_PAID, id).value()).get("data");
        assertEquals("paid", paid.get("invoice").get("status").asText());
        assertTrue(paid.get("payment_id").isNull(), "no payment settled it: " + paid);
    }

    @Test
    void aNewSubscriptionGetsAnOpenNumberedInvoiceAndItIsAnnounced() throws Exception {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "incomplete", 2500, "EUR");
        String id = Billing.invoiceFor(tenant, subscription);

        String finalizedAt = read(id)
                .body("object", equalTo("invoice"))
                .body("number", equalTo("INV-000001"))
                .body("status", equalTo("open"))
                .body("customer_id", equalTo(customer.toString()))
                .body("subscription_id", equalTo(subscription.id().toString()))
                .body("currency", equalTo("EUR"))
                .body("amount_due", equalTo(2500))
                .body("amount_paid", equalTo(0))
                .body("amount_remaining", equalTo(2500))
                .body("attempt_count", equalTo(0))
                .body("period_start", equalTo("2026-11-25T10:00:00Z"))
                .body("period_end", equalTo("2026-12-25T10:00:00Z"))
                .body("lines", hasSize(1))
                .body("lines[0].description", equalTo(Billing.LINE_DESCRIPTION))
                .body("lines[0].quantity", equalTo(1))
                .body("lines[0].unit_amount", equalTo(2500))
                .body("lines[0].amount", equalTo(2500))
                .body("lines[0].period_start", equalTo("2026-11-25T10:00:00Z"))
                .body("lines[0].period_end", equalTo("2026-12-25T10:00:00Z"))
                .body("lines[0].proration", equalTo(false))
                .body("last_payment_error", nullValue())
                .body("next_payment_attempt", nullValue())
                .body("paid_at", nullValue())
                .body("metadata.size()", equalTo(0))
                .extract().path("finalized_at");
        // days-until-due is 0: charged automatically, due the day it is finalized
        read(id).body("due_date", equalTo(LocalDate.ofInstant(Instant.parse(finalizedAt), ZoneOffset.UTC).toString()));

        KafkaTopicReader.Record record = only(Topics.INVOICE_FINALIZED, id);
        JsonNode event = JSON.readTree(record.value());
        assertEquals("invoice.finalized", event.get("type").asText());
        assertEquals("/invoicing-service", event.get("source").asText());
        assertEquals(tenant, event.get("tenantid").asText());
        assertEquals(EventCatalog.INVOICE_FINALIZED.schemaUri(), event.get("dataschema").asText());
        JsonNode invoice = event.get("data").get("invoice");
        assertEquals(id, invoice.get("id").asText());
        assertEquals("INV-000001", invoice.get("number").asText());
        assertEquals("open", invoice.get("status").asText());
        assertEquals(subscription.id().toString(), invoice.get("subscription_id").asText());
        assertEquals(2500, invoice.get("amount_due").asLong());
        assertEquals(0, invoice.get("amount_paid").asLong());
        assertEquals(2500, invoice.get("amount_remaining").asLong());
        assertEquals(0, invoice.get("attempt_count").asInt());
        assertEquals(finalizedAt, invoice.get("finalized_at").asText());
        assertEquals(1, invoice.get("lines").size());
        assertEquals(Billing.LINE_DESCRIPTION, invoice.get("lines").get(0).get("description").asText());
        assertEquals(2500, invoice.get("lines").get(0).get("amount").asLong());
        assertTrue(invoice.get("paid_at").isNull());
    }

    @Test
    void aTrialingSubscriptionIsNotInvoicedYet() {
        SubscriptionSnapshot trial = Billing.subscription(customer, "trialing", 2500, "EUR");
        KafkaEvents.publish(Billing.subscriptionCreated(tenant, trial));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_CREATED, DEADLINE);

        assertEquals(List.of(), Billing.invoiceIdsOf(tenant, trial.id()));
        // ... and it used no invoice number
        String next = Billing.invoiceFor(tenant, customer, 100);
        read(next).body("number", equalTo("INV-000001"));
    }

    @Test
    void theSameSubscriptionCreatedTwiceMakesOneInvoiceAndOneEvent() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, 900);
        EventEnvelope<SubscriptionCreated> event = Billing.subscriptionCreated(tenant, subscription);
        KafkaEvents.publish(event);
        KafkaEvents.publish(event);
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_CREATED, DEADLINE);

        List<String> invoices = Billing.invoiceIdsOf(tenant, subscription.id());
        assertEquals(1, invoices.size());
        only(Topics.INVOICE_FINALIZED, invoices.get(0));
    }

    @Test
    void anotherAnnouncementOfTheSamePeriodMakesNoSecondInvoiceAndUsesNoNumber() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, 900);
        KafkaEvents.publish(Billing.subscriptionCreated(tenant, subscription));
        KafkaEvents.publish(Billing.subscriptionCreated(tenant, subscription)); // a new event id, the same period
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_CREATED, DEADLINE);

        List<String> invoices = Billing.invoiceIdsOf(tenant, subscription.id());
        assertEquals(1, invoices.size());
        only(Topics.INVOICE_FINALIZED, invoices.get(0));
        read(Billing.invoiceFor(tenant, customer, 100)).body("number", equalTo("INV-000002"));
    }

    // --- subscription.renewed -------------------------------------------------------------------------------------

    @Test
    void eachRenewedPeriodIsInvoicedOnceWithTheNextNumberEvenWhenTheEventComesTwice() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 2500, "EUR");
        String first = Billing.invoiceFor(tenant, subscription);
        Instant secondEnd = Instant.parse("2027-01-25T10:00:00Z");
        Instant thirdEnd = Instant.parse("2027-02-25T10:00:00Z");
        EventEnvelope<SubscriptionRenewed> second = Billing.subscriptionRenewed(tenant, subscription,
                SubscriptionRenewed.SUBSCRIPTION_CYCLE, Billing.PERIOD_END, secondEnd);
        KafkaEvents.publish(second);
        KafkaEvents.publish(second); // redelivered
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, subscription, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                secondEnd, thirdEnd));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_RENEWED, DEADLINE);

        List<String> invoices = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() >= 3);
        assertEquals(3, invoices.size(), "one invoice per period");
        // newest first
        read(invoices.get(0)).body("number", equalTo("INV-000003")).body("period_start", equalTo(secondEnd.toString()))
                .body("period_end", equalTo(thirdEnd.toString())).body("amount_due", equalTo(2500))
                .body("status", equalTo("open"))
                .body("lines[0].description", equalTo("Pro (Jan 25, 2027 \u2013 Feb 25, 2027)"));
        read(invoices.get(1)).body("number", equalTo("INV-000002"))
                .body("period_start", equalTo(Billing.PERIOD_END.toString()));
        assertEquals(first, invoices.get(2));
        only(Topics.INVOICE_FINALIZED, invoices.get(1));
    }

    /**
     * One poll returns the whole producer batch: four renewals (one of them twice), a renewal that cannot be invoiced
     * (its period ends before it starts) and a record that is no event. The batch's transaction fails on the poison
     * event, so the batch is applied again one by one: the poison event and the garbage are dead-lettered alone, each
     * good renewal is invoiced once.
     */
    @Test
    void aPoisonRecordInABatchIsDeadLetteredAloneAndTheRestAreAppliedExactlyOnce() {
        Instant secondEnd = Instant.parse("2027-01-25T10:00:00Z");
        List<SubscriptionSnapshot> good = java.util.stream.Stream
                .generate(() -> Billing.subscription(customer, "active", 1200, "EUR")).limit(4).toList();
        List<EventEnvelope<SubscriptionRenewed>> renewals = good.stream().map(s -> Billing.subscriptionRenewed(tenant,
                s, SubscriptionRenewed.SUBSCRIPTION_CYCLE, Billing.PERIOD_END, secondEnd)).toList();
        SubscriptionSnapshot poisoned = Billing.subscription(customer, "active", 1200, "EUR");
        EventEnvelope<SubscriptionRenewed> poison = Billing.subscriptionRenewed(tenant, poisoned,
                SubscriptionRenewed.SUBSCRIPTION_CYCLE, secondEnd, Billing.PERIOD_END);
        String garbage = "{\"not\":\"an event " + UUID.randomUUID() + "\"}";

        KafkaEvents.publishTogether(Topics.SUBSCRIPTION_RENEWED, "batch-" + UUID.randomUUID(), List.of(
                renewals.get(0), renewals.get(1), poison, renewals.get(2), garbage, renewals.get(0), renewals.get(3)));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_RENEWED, DEADLINE);

        for (SubscriptionSnapshot subscription : good) {
            assertEquals(1, Billing.invoiceIdsOf(tenant, subscription.id()).size(), "invoiced once");
        }
        assertEquals(0, Billing.invoiceIdsOf(tenant, poisoned.id()).size());
        try (KafkaTopicReader dlq = new KafkaTopicReader(Topics.deadLetter("invoicing-service"))) {
            List<String> parked = dlq.readUntil(records -> records.stream().anyMatch(r -> r.value().equals(garbage))
                    && records.stream().anyMatch(r -> r.value().contains(poison.id())), DEADLINE).stream()
                    .map(KafkaTopicReader.Record::value).toList();
            assertEquals(1, parked.stream().filter(v -> v.contains(poison.id())).count(), "the poison event, once");
            assertEquals(1, parked.stream().filter(garbage::equals).count(), "the garbage, once");
            assertTrue(renewals.stream().noneMatch(r -> parked.stream().anyMatch(v -> v.contains(r.id()))),
                    "no good renewal dead-lettered");
        }
    }

    /**
     * A consumed batch's renewals are invoiced as a set: two tenants' renewals and two periods of one subscription
     * arrive in one poll. Each tenant's numbers are taken as one range, gapless and in arrival order; each period is
     * invoiced once, with its own line; every invoice is announced.
     */
    @Test
    void aBatchOfRenewalsOfTwoTenantsIsNumberedPerTenantInArrivalOrder() {
        String otherTenant = "consumers-other-" + UUID.randomUUID();
        UUID otherCustomer = UUID.randomUUID();
        Instant secondEnd = Instant.parse("2027-01-25T10:00:00Z");
        Instant thirdEnd = Instant.parse("2027-02-25T10:00:00Z");
        SubscriptionSnapshot first = Billing.subscription(customer, "active", 1100, "EUR");
        SubscriptionSnapshot second = Billing.subscription(customer, "active", 2200, "EUR");
        SubscriptionSnapshot others = Billing.subscription(otherCustomer, "active", 3300, "EUR");

        KafkaEvents.publishTogether(Topics.SUBSCRIPTION_RENEWED, "set-" + UUID.randomUUID(), List.of(
                Billing.subscriptionRenewed(tenant, first, SubscriptionRenewed.SUBSCRIPTION_CYCLE, Billing.PERIOD_END,
                        secondEnd),
                Billing.subscriptionRenewed(otherTenant, others, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                        Billing.PERIOD_END, secondEnd),
                Billing.subscriptionRenewed(tenant, second, SubscriptionRenewed.SUBSCRIPTION_CYCLE, Billing.PERIOD_END,
                        secondEnd),
                Billing.subscriptionRenewed(tenant, first, SubscriptionRenewed.SUBSCRIPTION_CYCLE, secondEnd,
                        thirdEnd)));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_RENEWED, DEADLINE);

        List<String> firsts = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, first.id()), ids -> ids.size() >= 2);
        assertEquals(2, firsts.size(), "one invoice per period");
        read(firsts.get(1)).body("number", equalTo("INV-000001")).body("amount_due", equalTo(1100))
                .body("period_start", equalTo(Billing.PERIOD_END.toString()));
        read(Billing.awaitInvoiceOf(tenant, second.id())).body("number", equalTo("INV-000002"))
                .body("amount_due", equalTo(2200)).body("lines", hasSize(1));
        read(firsts.get(0)).body("number", equalTo("INV-000003")).body("period_start", equalTo(secondEnd.toString()))
                .body("lines[0].description", equalTo("Pro (Jan 25, 2027 \u2013 Feb 25, 2027)"));
        String othersInvoice = Billing.awaitInvoiceOf(otherTenant, others.id());
        given().auth().oauth2(TestTokens.reader(otherTenant)).get("/v1/invoices/" + othersInvoice).then()
                .statusCode(200).body("number", equalTo("INV-000001")).body("amount_due", equalTo(3300));
        for (String invoice : List.of(firsts.get(0), firsts.get(1), othersInvoice)) {
            only(Topics.INVOICE_FINALIZED, invoice);
        }
    }

    @Test
    void aResumedSubscriptionsNewPeriodIsInvoicedOnceEvenWhenTheEventComesTwice() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 1500, "EUR");
        Billing.invoiceFor(tenant, subscription);
        Instant resumedAt = Instant.parse("2026-12-10T08:00:00Z");
        var resumed = Billing.subscriptionResumed(tenant, subscription, resumedAt,
                Instant.parse("2027-01-10T08:00:00Z"));
        KafkaEvents.publish(resumed);
        KafkaEvents.publish(resumed); // redelivered
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_RESUMED, DEADLINE);

        List<String> invoices = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() >= 2);
        assertEquals(2, invoices.size(), "one invoice for the resumed period");
        read(invoices.get(0)).body("period_start", equalTo(resumedAt.toString())).body("amount_due", equalTo(1500));
    }

    @Test
    void theEndOfATrialInvoicesTheFirstPaidPeriod() {
        SubscriptionSnapshot trial = Billing.subscription(customer, "trialing", 1200, "EUR");
        KafkaEvents.publish(Billing.subscriptionCreated(tenant, trial));
        Instant paidEnd = Instant.parse("2027-01-25T10:00:00Z");
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, trial, SubscriptionRenewed.TRIAL_END,
                Billing.PERIOD_END, paidEnd));
        String invoice = Billing.awaitInvoiceOf(tenant, trial.id());
        read(invoice).body("number", equalTo("INV-000001")).body("amount_due", equalTo(1200))
                .body("period_start", equalTo(Billing.PERIOD_END.toString()))
                .body("period_end", equalTo(paidEnd.toString()));
    }

    // --- subscription.plan_changed ----------------------------------------------------------------------------------

    private static final Instant TEN_DAYS_IN = Billing.PERIOD_START.plus(Duration.ofDays(10));

    private static List<SubscriptionPlanChanged.ProrationLine> credit(long credit, long charge) {
        return List.of(new SubscriptionPlanChanged.ProrationLine("Unused time on Pro after Dec 5, 2026", credit,
                TEN_DAYS_IN, Billing.PERIOD_END),
                new SubscriptionPlanChanged.ProrationLine("Remaining time on Max after Dec 5, 2026", charge,
                        TEN_DAYS_IN, Billing.PERIOD_END));
    }

    private static PlanSnapshot plan(long amount, String interval) {
        return new PlanSnapshot(UUID.randomUUID(), "Max", amount, "EUR", interval, 1);
    }

    @Test
    void alwaysInvoiceBillsTheProrationLinesAtOnceEvenWhenTheChangeIsAnnouncedTwice() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        String first = Billing.invoiceFor(tenant, subscription);
        var change = Billing.planChanged(tenant, subscription, plan(6000, "month"),
                SubscriptionPlanChanged.ALWAYS_INVOICE, TEN_DAYS_IN, false, credit(-2000, 4000));
        KafkaEvents.publish(change);
        KafkaEvents.publish(change);
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_PLAN_CHANGED, DEADLINE);

        List<String> invoices = Billing.invoiceIdsOf(tenant, subscription.id());
        assertEquals(2, invoices.size());
        read(invoices.get(0)).body("number", equalTo("INV-000002")).body("status", equalTo("open"))
                .body("lines.amount", equalTo(List.of(-2000, 4000))).body("lines.proration", equalTo(List.of(true, true)))
                .body("lines[0].unit_amount", equalTo(-2000))
                .body("total", equalTo(2000)).body("amount_due", equalTo(2000))
                .body("period_start", equalTo(TEN_DAYS_IN.toString()));
        assertEquals(first, invoices.get(1));
        JsonNode finalized;
        try {
            finalized = JSON.readTree(only(Topics.INVOICE_FINALIZED, invoices.get(0)).value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(-2000, finalized.at("/data/invoice/lines/0/amount").asLong(), "a credit line in the event");
    }

    @Test
    void aDowngradesNegativeTotalBecomesCreditAppliedToTheNextInvoice() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 6000, "EUR");
        Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.planChanged(tenant, subscription, plan(3000, "month"),
                SubscriptionPlanChanged.ALWAYS_INVOICE, TEN_DAYS_IN, false, credit(-4000, 2000)));
        String downgrade = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 2).get(0);
        read(downgrade).body("total", equalTo(-2000)).body("amount_due", equalTo(0)).body("status", equalTo("paid"))
                .body("starting_balance", equalTo(0)).body("ending_balance", equalTo(-2000));

        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, subscription, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                Billing.PERIOD_END, Billing.PERIOD_END.plus(Duration.ofDays(31))));
        String renewal = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 3).get(0);
        read(renewal).body("total", equalTo(6000)).body("starting_balance", equalTo(-2000))
                .body("amount_due", equalTo(4000)).body("ending_balance", equalTo(0));
        // Consumers of invoice.finalized see the credit applied, not only the amount due.
        JsonNode published;
        try {
            published = JSON.readTree(only(Topics.INVOICE_FINALIZED, renewal).value()).at("/data/invoice");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(6000L, -2000L, 4000L, 0L), List.of(published.get("total").asLong(),
                published.get("starting_balance").asLong(), published.get("amount_due").asLong(),
                published.get("ending_balance").asLong()));
    }

    @Test
    void createProrationsKeepsTheLinesForTheNextRenewalAndNoneBillsNothing() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.planChanged(tenant, subscription, plan(6000, "month"),
                SubscriptionPlanChanged.CREATE_PRORATIONS, TEN_DAYS_IN, false, credit(-2000, 4000)));
        KafkaEvents.publish(Billing.planChanged(tenant, subscription, plan(6000, "month"),
                SubscriptionPlanChanged.NONE, TEN_DAYS_IN.plusSeconds(60), false, List.of()));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_PLAN_CHANGED, DEADLINE);
        assertEquals(1, Billing.invoiceIdsOf(tenant, subscription.id()).size(), "nothing invoiced yet");

        Instant nextEnd = Billing.PERIOD_END.plus(Duration.ofDays(31));
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, subscription, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                Billing.PERIOD_END, nextEnd));
        String renewal = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 2).get(0);
        read(renewal).body("lines.amount", equalTo(List.of(3000, -2000, 4000)))
                .body("lines.proration", equalTo(List.of(false, true, true))).body("amount_due", equalTo(5000));
    }

    @Test
    void aNewIntervalInvoicesTheNewPeriodAtOnceWithTheCredit() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.planChanged(tenant, subscription, plan(30000, "year"),
                SubscriptionPlanChanged.CREATE_PRORATIONS, TEN_DAYS_IN, true, credit(-2000, 0).subList(0, 1)));
        String yearly = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 2).get(0);
        read(yearly).body("lines.amount", equalTo(List.of(-2000, 30000))).body("amount_due", equalTo(28000))
                .body("period_start", equalTo(TEN_DAYS_IN.toString()));
    }

    // --- subscription.canceled ----------------------------------------------------------------------------------

    @Test
    void cancelingNowVoidsTheUnpaidInvoicesOnceAndALatePaymentDoesNotRevive() throws Exception {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "past_due", 2500, "EUR");
        String open = Billing.invoiceFor(tenant, subscription);
        var canceled = Billing.subscriptionCanceled(tenant, subscription, SubscriptionCanceled.CANCELLATION_REQUESTED);
        KafkaEvents.publish(canceled);
        KafkaEvents.publish(canceled); // redelivered
        Billing.awaitInvoiceField(tenant, open, "status", "void");
        read(open).body("next_payment_attempt", nullValue()).body("amount_remaining", equalTo(2500));
        JsonNode voided = JSON.readTree(only(Topics.INVOICE_VOIDED, open).value());
        assertEquals("void", voided.at("/data/invoice/status").asText());

        // A charge that was in flight succeeds: the invoice stays void (payment-service refunds it).
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, open, 2500, 1));
        KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_SUCCEEDED, DEADLINE);
        read(open).body("status", equalTo("void")).body("amount_paid", equalTo(0));
    }

    @Test
    void aPeriodAnnouncedAfterTheSubscriptionWasCanceledNowIsNotInvoiced() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 2500, "EUR");
        String first = Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, first, 2500, 1));
        Billing.awaitInvoiceField(tenant, first, "status", "paid");
        KafkaEvents.publish(Billing.subscriptionCanceled(tenant, subscription,
                SubscriptionCanceled.CANCELLATION_REQUESTED));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_CANCELED, DEADLINE);
        // The bill run renewed it a moment before the cancellation; the renewal is consumed after it.
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, subscription, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                Billing.PERIOD_END, Billing.PERIOD_END.plus(Duration.ofDays(31))));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_RENEWED, DEADLINE);

        assertEquals(List.of(first), Billing.invoiceIdsOf(tenant, subscription.id()));
        read(first).body("status", equalTo("paid"));
    }

    @Test
    void voidingGivesBackTheCreditTheInvoiceUsed() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 6000, "EUR");
        Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.planChanged(tenant, subscription, plan(3000, "month"),
                SubscriptionPlanChanged.ALWAYS_INVOICE, TEN_DAYS_IN, false, credit(-4000, 2000)));
        Awaitility.await().atMost(DEADLINE).until(() -> Billing.invoiceIdsOf(tenant, subscription.id()).size() == 2);
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, subscription, SubscriptionRenewed.SUBSCRIPTION_CYCLE,
                Billing.PERIOD_END, Billing.PERIOD_END.plus(Duration.ofDays(31))));
        String renewal = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 3).get(0);
        read(renewal).body("starting_balance", equalTo(-2000)).body("amount_due", equalTo(4000));

        KafkaEvents.publish(Billing.subscriptionCanceled(tenant, subscription,
                SubscriptionCanceled.CANCELLATION_REQUESTED));
        Billing.awaitInvoiceField(tenant, renewal, "status", "void");
        // The customer's next invoice (another subscription) gets the 2000 of credit the voided one had used.
        String next = Billing.invoiceFor(tenant, Billing.subscription(customer, "active", 1000, "EUR"));
        read(next).body("starting_balance", equalTo(-2000)).body("amount_due", equalTo(0))
                .body("ending_balance", equalTo(-1000));

        // Each change was announced, in order, for customer-service's copy of the balance.
        List<JsonNode> changes;
        try (KafkaTopicReader reader = new KafkaTopicReader(Topics.CUSTOMER_BALANCE_CHANGED)) {
            changes = reader.readUntil(records -> records.stream()
                    .filter(record -> record.key().equals(customer.toString())).count() >= 4, DEADLINE).stream()
                    .filter(record -> record.key().equals(customer.toString()))
                    .map(record -> {
                        try {
                            return JSON.readTree(record.value()).get("data");
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }).toList();
        }
        assertEquals(List.of(-2000L, 0L, -2000L, -1000L), changes.stream().map(c -> c.get("balance").asLong()).toList());
        assertEquals(List.of(-2000L, 2000L, -2000L, 1000L), changes.stream().map(c -> c.get("change").asLong()).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), changes.stream().map(c -> c.get("version").asLong()).toList());
        assertEquals(List.of("invoice_finalized", "invoice_finalized", "invoice_voided", "invoice_finalized"),
                changes.stream().map(c -> c.get("reason").asText()).toList());
        assertEquals(renewal, changes.get(2).get("invoice_id").asText());
    }

    @Test
    void prorationsStillPendingAreBilledOnAFinalInvoiceWhenTheSubscriptionEnds() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 3000, "EUR");
        Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.planChanged(tenant, subscription, plan(6000, "month"),
                SubscriptionPlanChanged.CREATE_PRORATIONS, TEN_DAYS_IN, false, credit(-2000, 4000)));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_PLAN_CHANGED, DEADLINE);
        KafkaEvents.publish(Billing.subscriptionCanceled(tenant, subscription, SubscriptionCanceled.PERIOD_END));

        String last = Awaitility.await().atMost(DEADLINE)
                .until(() -> Billing.invoiceIdsOf(tenant, subscription.id()), ids -> ids.size() == 2).get(0);
        read(last).body("lines.amount", equalTo(List.of(-2000, 4000))).body("amount_due", equalTo(2000));
    }

    @Test
    void aSubscriptionEndingAtItsPeriodEndOrByDunningLeavesItsInvoicesAlone() {
        SubscriptionSnapshot ended = Billing.subscription(customer, "active", 2500, "EUR");
        String invoice = Billing.invoiceFor(tenant, ended);
        KafkaEvents.publish(Billing.subscriptionCanceled(tenant, ended, SubscriptionCanceled.PERIOD_END));
        KafkaEvents.publish(Billing.subscriptionCanceled(tenant, ended, SubscriptionCanceled.PAYMENT_FAILED));
        KafkaEvents.awaitConsumed(GROUP, Topics.SUBSCRIPTION_CANCELED, DEADLINE);
        read(invoice).body("status", equalTo("open"));
    }

    // --- dunning.exhausted ------------------------------------------------------------------------------------

    @Test
    void anInvoiceDunningGaveUpOnIsUncollectibleAndAPaidOneStaysPaid() throws Exception {
        String open = Billing.invoiceFor(tenant, customer, 900);
        KafkaEvents.publish(Billing.paymentFailed(tenant, open, 900, 4, Instant.now().plus(Duration.ofDays(1))));
        Billing.awaitInvoiceField(tenant, open, "attempt_count", 4);
        KafkaEvents.publish(Billing.dunningExhausted(tenant, open, 900));
        Billing.awaitInvoiceField(tenant, open, "status", "uncollectible");
        read(open).body("next_payment_attempt", nullValue()).body("amount_remaining", equalTo(900));
        JsonNode marked = JSON.readTree(only(Topics.INVOICE_MARKED_UNCOLLECTIBLE, open).value()).get("data");
        assertEquals("uncollectible", marked.at("/invoice/status").asText());

        String paid = Billing.invoiceFor(tenant, customer, 900);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, paid, 900, 1));
        Billing.awaitInvoiceField(tenant, paid, "status", "paid");
        KafkaEvents.publish(Billing.dunningExhausted(tenant, paid, 900)); // late: the payment settled it first
        KafkaEvents.awaitConsumed(GROUP, Topics.DUNNING_EXHAUSTED, DEADLINE);
        read(paid).body("status", equalTo("paid"));
    }

    // --- payment.refunded -------------------------------------------------------------------------------------

    @Test
    void eachRefundGetsANumberedCreditNoteAndTheInvoiceShowsWhatWasRefunded() throws Exception {
        String id = Billing.invoiceFor(tenant, customer, 4200);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 4200, 1));
        Billing.awaitInvoiceField(tenant, id, "status", "paid");

        EventEnvelope<PaymentRefunded> first = Billing.paymentRefunded(tenant, id, 4200, 1500);
        KafkaEvents.publish(first);
        KafkaEvents.publish(first); // delivered twice: still one credit note, one number
        Billing.awaitInvoiceField(tenant, id, "amount_refunded", 1500);
        KafkaEvents.publish(Billing.paymentRefunded(tenant, id, 4200, 2700));
        Billing.awaitInvoiceField(tenant, id, "amount_refunded", 4200);

        read(id).body("status", equalTo("paid")).body("amount_paid", equalTo(4200));
        List<String> numbers = given().auth().oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", id)
                .get("/v1/credit-notes").then().statusCode(200).body("data", hasSize(2))
                .body("data.amount", equalTo(List.of(2700, 1500))).body("data.currency", equalTo(List.of("EUR", "EUR")))
                .extract().path("data.number");
        assertEquals(List.of("CN-000002", "CN-000001"), numbers);
        String note = given().auth().oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", id)
                .get("/v1/credit-notes").then().extract().path("data[1].id");
        JsonNode issued = JSON.readTree(only(Topics.CREDIT_NOTE_ISSUED, note).value()).get("data");
        assertEquals("CN-000001", issued.at("/credit_note/number").asText());
        assertEquals(first.data().refund().id().toString(), issued.at("/credit_note/refund_id").asText());
        assertEquals(1500, issued.get("invoice_amount_refunded").asLong());
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/credit-notes/" + note).then().statusCode(200)
                .body("object", equalTo("credit_note")).body("invoice_id", equalTo(id))
                .body("reason", equalTo("requested_by_customer"));
        given().auth().oauth2(TestTokens.reader("another-" + tenant)).get("/v1/credit-notes/" + note).then()
                .statusCode(404).body("code", equalTo("credit_note_not_found"));
    }

    // --- payment.succeeded ------------------------------------------------------------------------------------

    @Test
    void aSucceededPaymentPaysTheInvoiceAndItIsAnnounced() throws Exception {
        String id = Billing.invoiceFor(tenant, customer, 4200);
        EventEnvelope<PaymentSucceeded> payment = Billing.paymentSucceeded(tenant, id, 4200, 1);
        KafkaEvents.publish(payment);
        Billing.awaitInvoiceField(tenant, id, "status", "paid");

        Instant paidAt = payment.time().truncatedTo(ChronoUnit.MICROS);
        read(id).body("amount_paid", equalTo(4200)).body("amount_remaining", equalTo(0))
                .body("attempt_count", equalTo(1)).body("paid_at", equalTo(paidAt.toString()));

        JsonNode paid = JSON.readTree(only(Topics.INVOICE_PAID, id).value()).get("data");
        assertEquals(payment.data().payment().id().toString(), paid.get("payment_id").asText());
        JsonNode invoice = paid.get("invoice");
        assertEquals("paid", invoice.get("status").asText());
        assertEquals(4200, invoice.get("amount_paid").asLong());
        assertEquals(0, invoice.get("amount_remaining").asLong());
        assertEquals(1, invoice.get("attempt_count").asInt());
        assertEquals(paidAt, Instant.parse(invoice.get("paid_at").asText()));
        assertEquals(1, invoice.get("lines").size(), "the snapshot carries the lines");
    }

    @Test
    void aPartialPaymentLeavesTheRestOpen() {
        String id = Billing.invoiceFor(tenant, customer, 1000);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 400, 1));
        Billing.awaitInvoiceField(tenant, id, "amount_paid", 400);
        read(id).body("status", equalTo("open")).body("amount_remaining", equalTo(600)).body("paid_at", nullValue());

        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 600, 2));
        Billing.awaitInvoiceField(tenant, id, "status", "paid");
        read(id).body("amount_remaining", equalTo(0)).body("attempt_count", equalTo(2));
        only(Topics.INVOICE_PAID, id);
    }

    @Test
    void theSamePaymentSucceededTwiceAnnouncesThePaidInvoiceOnce() {
        String id = Billing.invoiceFor(tenant, customer, 700);
        EventEnvelope<PaymentSucceeded> payment = Billing.paymentSucceeded(tenant, id, 700, 1);
        KafkaEvents.publish(payment);
        KafkaEvents.publish(payment);
        KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_SUCCEEDED, DEADLINE);

        read(id).body("status", equalTo("paid")).body("amount_paid", equalTo(700));
        only(Topics.INVOICE_PAID, id);
    }

    @Test
    void aSecondPaymentForAPaidInvoiceChangesNothing() {
        String id = Billing.invoiceFor(tenant, customer, 700);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 700, 1));
        // Payment events are keyed by payment: two payments of one invoice may be consumed in either order, so the
        // second is sent once the first has paid the invoice.
        Awaitility.await().atMost(DEADLINE).until(() -> "paid".equals(read(id).extract().path("status")));
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 700, 2));
        KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_SUCCEEDED, DEADLINE);

        read(id).body("status", equalTo("paid")).body("amount_paid", equalTo(700)).body("attempt_count", equalTo(1));
        only(Topics.INVOICE_PAID, id);
    }

    @Test
    void aPaymentForAnUnknownOrForeignInvoiceIsSkippedWithoutFailingTheConsumer() {
        String foreign = Billing.invoiceFor("other-" + tenant, customer, 500);
        EventEnvelope<PaymentSucceeded> unknown = Billing.paymentSucceeded(tenant, UUID.randomUUID().toString(), 500,
                1);
        EventEnvelope<PaymentSucceeded> misdirected = Billing.paymentSucceeded(tenant, foreign, 500, 1);
        KafkaEvents.publish(unknown);
        KafkaEvents.publish(misdirected);
        KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_SUCCEEDED, DEADLINE);

        given().auth().oauth2(TestTokens.reader("other-" + tenant)).get("/v1/invoices/" + foreign).then()
                .body("status", equalTo("open")).body("amount_paid", equalTo(0));
        try (KafkaTopicReader dlq = new KafkaTopicReader(Topics.deadLetter("invoicing-service"))) {
            List<String> parked = dlq.readFor(Duration.ofSeconds(2)).stream().map(KafkaTopicReader.Record::key)
                    .toList();
            assertTrue(!parked.contains(unknown.subject()) && !parked.contains(misdirected.subject()),
                    "skipped, not failed: " + parked);
        }
    }

    // --- payment.failed ---------------------------------------------------------------------------------------

    @Test
    void aFailedPaymentLeavesTheInvoiceOpenAndShowsWhy() {
        String id = Billing.invoiceFor(tenant, customer, 1500);
        Instant retry = Instant.parse("2026-11-28T10:00:00Z");
        KafkaEvents.publish(Billing.paymentFailed(tenant, id, 1500, 1, retry));
        Billing.awaitInvoiceField(tenant, id, "attempt_count", 1);

        read(id).body("status", equalTo("open"))
                .body("amount_remaining", equalTo(1500))
                .body("last_payment_error.code", equalTo("card_declined"))
                .body("last_payment_error.message", equalTo("Your card was declined."))
                .body("next_payment_attempt", equalTo(retry.toString()));
        // the second attempt succeeds: the invoice is paid and no further attempt is planned
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 1500, 2));
        Billing.awaitInvoiceField(tenant, id, "status", "paid");
        read(id).body("attempt_count", equalTo(2)).body("next_payment_attempt", nullValue())
                .body("paid_at", matchesPattern("\\d{4}-.+Z"));
    }

    @Test
    void theSamePaymentFailedTwiceCountsOneAttempt() {
        String id = Billing.invoiceFor(tenant, customer, 1500);
        EventEnvelope<PaymentFailed> failure = Billing.paymentFailed(tenant, id, 1500, 1, null);
        KafkaEvents.publish(failure);
        KafkaEvents.publish(failure);
        KafkaEvents.awaitConsumed(GROUP, Topics.PAYMENT_FAILED, DEADLINE);

        read(id).body("status", equalTo("open")).body("attempt_count", equalTo(1))
                .body("last_payment_error.code", equalTo("card_declined")).body("next_payment_attempt", nullValue());
    }

    /** Waits for the invoice's record on the topic, then checks no second one follows. */
    private static KafkaTopicReader.Record only(String topic, String invoiceId) {
        try (KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            List<KafkaTopicReader.Record> mine = reader.awaitKey(invoiceId, DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, mine.size(), "exactly one " + topic + " event for " + invoiceId);
            return mine.get(0);
        }
    }
}
