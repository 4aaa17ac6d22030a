package dev.billforge.subscription.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.OnVertx;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * The bill run on a scope of one tenant at a chosen time: renewals exactly once per period and in order, trials
 * that end, cancellations at period end, other tenants untouched, and a subscription that cannot renew isolated.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class BillRunTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    BillRun billRun;
    @Inject
    Vertx vertx;
    @Inject
    Pool database;

    private final String tenant = "bill-run-" + UUID.randomUUID();

    private RequestSpecification asAdmin(String tenantId) {
        return given().auth().oauth2(TestTokens.admin(tenantId)).contentType(ContentType.JSON);
    }

    private String plan(String tenantId, String interval, int trialDays) {
        return asAdmin(tenantId).body("{\"name\": \"Gold\", \"amount\": 3000, \"currency\": \"USD\", \"interval\": \""
                + interval + "\", \"trial_period_days\": " + trialDays + "}").post("/v1/plans").then().statusCode(201)
                .extract().path("id");
    }

    private UUID subscribe(String tenantId, String plan) {
        UUID customer = CustomerAnnouncements.announce(tenantId, "ada@example.com");
        String id = asAdmin(tenantId).body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan + "\"}")
                .post("/v1/subscriptions").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** A monthly subscription whose first invoice was paid (invoice.paid, as invoicing announces it). */
    private UUID activeSubscription(String tenantId) {
        UUID subscription = subscribe(tenantId, plan(tenantId, "month", 0));
        Instant at = Instant.now();
        InvoiceSnapshot invoice = new InvoiceSnapshot(UUID.randomUUID(), "INV-000001", UUID.randomUUID(),
                subscription, "paid", "USD", 3000, 3000, 0, 3000L, 0L, 0L, 1,
                at.atZone(ZoneOffset.UTC).toLocalDate(), at, at,
                List.of(), at, at, at, InvoiceSnapshot.CHARGE_AUTOMATICALLY, null, null, null);
        KafkaEvents.publish(EventEnvelope.of(EventCatalog.INVOICE_PAID, UUID.randomUUID().toString(),
                "/invoicing-service", invoice.id().toString(), at, tenantId, new InvoicePaid(invoice, null)));
        Awaitility.await().atMost(DEADLINE).until(() -> "active".equals(field(tenantId, subscription, "status")));
        return subscription;
    }

    private String field(String tenantId, UUID subscription, String name) {
        return asAdmin(tenantId).get("/v1/subscriptions/" + subscription).then().statusCode(200).extract().path(name);
    }

    private Instant periodEnd(String tenantId, UUID subscription) {
        return Instant.parse(field(tenantId, subscription, "current_period_end"));
    }

    private BillRun.Result runAt(String tenantId, Instant now) {
        return OnVertx.await(vertx, () -> billRun.run(DueScope.tenant(tenantId, now)));
    }

    private static SubscriptionRenewed renewed(KafkaTopicReader.Record record) {
        return EventJson.data(EventJson.read(record.value()), EventCatalog.SUBSCRIPTION_RENEWED);
    }

    @Test
    void anActiveSubscriptionRenewsAtItsPeriodEndOnceAndAnnouncesTheNewPeriod() {
        UUID subscription = activeSubscription(tenant);
        Instant firstEnd = periodEnd(tenant, subscription);
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_RENEWED)) {
            assertEquals(BillRun.Result.NONE, runAt(tenant, firstEnd.minusSeconds(1)), "not due yet");

            assertEquals(1, runAt(tenant, firstEnd.plusSeconds(1)).renewed());
            assertEquals(0, runAt(tenant, firstEnd.plusSeconds(2)).renewed(), "a period is renewed once");

            assertEquals(firstEnd.toString(), field(tenant, subscription, "current_period_start"));
            Instant secondEnd = firstEnd.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
            assertEquals(secondEnd, periodEnd(tenant, subscription));
            var records = reader.awaitKey(subscription.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, records.size());
            SubscriptionRenewed event = renewed(records.get(0));
            assertEquals(List.of("subscription_cycle", firstEnd, secondEnd, "active", 3000L),
                    List.of(event.billingReason(), event.periodStart(), event.periodEnd(),
                            event.subscription().status(), event.subscription().plan().amount()));
        }
    }

    @Test
    void aClockThatJumpsOverTwoPeriodEndsRenewsEachPeriodInOrder() {
        UUID subscription = activeSubscription(tenant);
        Instant firstEnd = periodEnd(tenant, subscription);
        Instant secondEnd = firstEnd.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        Instant thirdEnd = firstEnd.atZone(ZoneOffset.UTC).plusMonths(2).toInstant();
        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_RENEWED)) {
            assertEquals(2, runAt(tenant, secondEnd.plusSeconds(60)).renewed());

            var records = reader.awaitKey(subscription.toString(), 2, DEADLINE, Duration.ofSeconds(1));
            assertEquals(List.of(firstEnd, secondEnd), records.stream().map(r -> renewed(r).periodStart()).toList());
            assertEquals(List.of(secondEnd, thirdEnd), records.stream().map(r -> renewed(r).periodEnd()).toList());
            assertEquals(thirdEnd, periodEnd(tenant, subscription));
        }
        assertEquals(List.of("first_period", "subscription_cycle", "subscription_cycle"), ledger(subscription));
    }

    @Test
    void aRenewalWritesTheSubscriptionOnceAndMovesItsVersionOn() {
        UUID subscription = activeSubscription(tenant);
        long before = version(subscription);
        Instant secondEnd = periodEnd(tenant, subscription).atZone(ZoneOffset.UTC).plusMonths(1).toInstant();

        assertEquals(2, runAt(tenant, secondEnd.plusSeconds(60)).renewed());

        // One write for the batch (two periods passed): a change made through the API on the state read before it
        // conflicts on the version, and the session did not write the row a second time.
        assertEquals(before + 1, version(subscription));
        assertEquals(secondEnd.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(), periodEnd(tenant, subscription));
        assertEquals("active", field(tenant, subscription, "status"));
    }

    private long version(UUID subscription) {
        return database.preparedQuery("SELECT version FROM subscription.subscription WHERE id = $1")
                .execute(Tuple.of(subscription)).await().atMost(DEADLINE).iterator().next().getLong(0);
    }

    @Test
    void aTrialEndsIntoItsFirstPaidPeriodAndACancellationAtPeriodEndEndsWithoutRenewing() {
        UUID trialing = subscribe(tenant, plan(tenant, "month", 7));
        UUID leaving = activeSubscription(tenant);
        asAdmin(tenant).body("{\"at_period_end\": true}").post("/v1/subscriptions/" + leaving + "/cancel").then()
                .statusCode(200);
        Instant trialEnd = periodEnd(tenant, trialing);
        Instant leavingEnd = periodEnd(tenant, leaving);
        try (var renewals = new KafkaTopicReader(Topics.SUBSCRIPTION_RENEWED);
                var cancellations = new KafkaTopicReader(Topics.SUBSCRIPTION_CANCELED);
                var reminders = new KafkaTopicReader(Topics.SUBSCRIPTION_TRIAL_WILL_END)) {
            BillRun.Result result = runAt(tenant, leavingEnd.plusSeconds(1));
            assertEquals(new BillRun.Result(0, 1, 1, 0), result);
            // The clock jumped over the reminder too: it is announced once, with the conversion, not skipped.
            var reminded = reminders.awaitKey(trialing.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, reminded.size());
            assertEquals(trialEnd, EventJson.data(EventJson.read(reminded.get(0).value()),
                    EventCatalog.SUBSCRIPTION_TRIAL_WILL_END).subscription().trialEnd());

            assertEquals("active", field(tenant, trialing, "status"));
            assertEquals(trialEnd.toString(), field(tenant, trialing, "current_period_start"));
            assertEquals(trialEnd.toString(), field(tenant, trialing, "billing_cycle_anchor"));
            var trialEvent = renewed(renewals.awaitKey(trialing.toString(), DEADLINE, Duration.ofSeconds(1)).get(0));
            assertEquals("trial_end", trialEvent.billingReason());
            assertEquals(trialEnd, trialEvent.periodStart());

            assertEquals("canceled", field(tenant, leaving, "status"));
            assertEquals(leavingEnd.toString(), field(tenant, leaving, "ended_at"));
            var ended = cancellations.awaitKey(leaving.toString(), DEADLINE, Duration.ofSeconds(1));
            assertEquals(1, ended.size());
            assertEquals("period_end", EventJson.data(EventJson.read(ended.get(0).value()),
                    EventCatalog.SUBSCRIPTION_CANCELED).cancellationReason(), "its invoices stay as they are");
            assertEquals(List.of(), renewals.readFor(Duration.ZERO).stream()
                    .filter(r -> leaving.toString().equals(r.key())).toList(), "no renewal for a canceled one");
        }
    }

    @Test
    void aPausedSubscriptionDoesNotRenew() {
        UUID subscription = activeSubscription(tenant);
        Instant end = periodEnd(tenant, subscription);
        asAdmin(tenant).post("/v1/subscriptions/" + subscription + "/pause").then().statusCode(200);

        assertEquals(BillRun.Result.NONE, runAt(tenant, end.plusSeconds(86_400 * 40L)));
        assertEquals(end, periodEnd(tenant, subscription));
        assertEquals("paused", field(tenant, subscription, "status"));
    }

    @Test
    void anotherTenantsSubscriptionsAreNotInTheScope() {
        String other = "bill-run-other-" + UUID.randomUUID();
        UUID theirs = activeSubscription(other);
        UUID ours = activeSubscription(tenant);
        Instant theirEnd = periodEnd(other, theirs);

        assertEquals(1, runAt(tenant, periodEnd(tenant, ours).plusSeconds(1)).renewed());
        assertEquals(theirEnd, periodEnd(other, theirs));
    }

    @Test
    void aSubscriptionThatCannotRenewIsIsolatedAndTheLedgerRefusesAPeriodTwice() {
        UUID first = activeSubscription(tenant);
        UUID blocked = activeSubscription(tenant);
        UUID third = activeSubscription(tenant);
        Instant blockedEnd = periodEnd(tenant, blocked);
        // The next period of `blocked` is in the ledger already, as if a crashed run had recorded it: renewing it
        // again must fail, not invoice the period a second time.
        database.preparedQuery("INSERT INTO subscription.subscription_period (tenant_id, subscription_id, period_start,"
                + " period_end, billing_reason, created_at) VALUES ($1, $2, $3, $4, 'first_period', now())")
                .execute(Tuple.of(tenant, blocked, utc(blockedEnd), utc(blockedEnd.plusSeconds(86_400))))
                .await().atMost(DEADLINE);

        BillRun.Result result = runAt(tenant, periodEnd(tenant, third).plusSeconds(1));

        assertEquals(new BillRun.Result(2, 0, 0, 1), result);
        assertEquals(blockedEnd, periodEnd(tenant, blocked));
        assertTrue(periodEnd(tenant, first).isAfter(blockedEnd));
        assertTrue(periodEnd(tenant, third).isAfter(blockedEnd));
    }

    @Test
    void theLedgerRefusesARenewalThatDoesNotFollowThePreviousPeriod() {
        UUID subscription = activeSubscription(tenant);
        Instant end = periodEnd(tenant, subscription);
        var gap = database.preparedQuery("INSERT INTO subscription.subscription_period (tenant_id, subscription_id,"
                + " period_start, period_end, follows_period_end, billing_reason, created_at)"
                + " VALUES ($1, $2, $3, $4, $3, 'subscription_cycle', now())")
                .execute(Tuple.of(tenant, subscription, utc(end.plusSeconds(60)), utc(end.plusSeconds(120))));
        assertThrows(Exception.class, () -> gap.await().atMost(DEADLINE), "a period after a gap");
    }

    @Test
    void theBillRunReportsItsProgressInMetrics() {
        UUID subscription = activeSubscription(tenant);
        runAt(tenant, periodEnd(tenant, subscription).plusSeconds(1));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("billforge_bill_run_periods_total{billing_reason=\"subscription_cycle\"}"), metrics);
        assertTrue(metrics.contains("billforge_bill_run_due"), metrics);
        assertTrue(metrics.contains("billforge_bill_run_failed_total"), metrics);
        assertTrue(metrics.contains("billforge_bill_run_duration_seconds_count"), metrics);
    }

    private List<String> ledger(UUID subscription) {
        var rows = database.preparedQuery("SELECT billing_reason FROM subscription.subscription_period"
                + " WHERE subscription_id = $1 ORDER BY period_start").execute(Tuple.of(subscription))
                .await().atMost(DEADLINE);
        List<String> reasons = new java.util.ArrayList<>();
        rows.forEach(row -> reasons.add(row.getString(0)));
        return reasons;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
