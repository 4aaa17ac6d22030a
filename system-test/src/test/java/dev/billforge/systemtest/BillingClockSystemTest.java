package dev.billforge.systemtest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * One tenant's subscriptions live on the business clock, moved through the ingress across period ends: renewals
 * invoiced and paid, a jump over two period ends making two invoices in order, a trial that converts, a cancellation
 * that ends at the period end, a declined renewal going past_due into dunning, pause and resume, and a plan change
 * billed at once with exactly -2000 and +4000. Another tenant's clock stays on real time all along.
 */
class BillingClockSystemTest extends SystemTestBase {

    private String customerWithCard(String token) {
        String customer = post("/v1/customers", Map.of("billing_email", "clock+" + token + "@example.com"));
        post("/v1/payment-methods", Map.of("customer_id", customer, "provider", "simulator", "token", token));
        return customer;
    }

    private String subscribe(String customer, String plan) {
        return post("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", plan));
    }

    private JsonPath subscription(String id) {
        return get("/v1/subscriptions/" + id);
    }

    private Instant instant(String subscription, String field) {
        return Instant.parse(subscription(subscription).getString(field));
    }

    private void awaitStatus(String subscription, String status) {
        Awaitility.await(subscription + " " + status).atMost(FLOW_DEADLINE)
                .until(() -> status.equals(subscription(subscription).getString("status")));
    }

    /** The subscription's invoices, newest first, once there are {@code count} and the newest is {@code status}. */
    private JsonPath awaitInvoices(String subscription, int count, String status) {
        return Awaitility.await(subscription + " has " + count + " invoices, the newest " + status)
                .atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/v1/invoices?subscription_id=" + subscription),
                        json -> json.getList("data").size() == count && status.equals(json.getString("data[0].status")));
    }

    @Test
    void oneTenantsSubscriptionsRenewConvertEndPauseAndChangePlanAsTheClockMoves() {
        String monthly = post("/v1/plans", Map.of("name", "Gold monthly", "amount", 1999, "currency", "USD",
                "interval", "month"));
        String withTrial = post("/v1/plans", Map.of("name", "Gold with trial", "amount", 1999, "currency", "USD",
                "interval", "month", "trial_period_days", 7));
        String basic30 = post("/v1/plans", Map.of("name", "Basic", "amount", 3000, "currency", "USD",
                "interval", "day", "interval_count", 30));
        String pro30 = post("/v1/plans", Map.of("name", "Pro", "amount", 6000, "currency", "USD",
                "interval", "day", "interval_count", 30));

        String renewing = subscribe(customerWithCard("tok_visa"), monthly);
        String trialing = subscribe(customerWithCard("tok_visa"), withTrial);
        String leaving = subscribe(customerWithCard("tok_visa"), monthly);
        String decliningCustomer = customerWithCard("tok_visa");
        String declining = subscribe(decliningCustomer, monthly);
        String pausing = subscribe(customerWithCard("tok_visa"), monthly);
        String upgrading = subscribe(customerWithCard("tok_visa"), basic30);
        Bystander bystander = new Bystander();
        for (String paid : List.of(renewing, leaving, declining, pausing, upgrading)) {
            awaitInvoices(paid, 1, "paid");
            awaitStatus(paid, "active");
        }
        assertEquals("trialing", subscription(trialing).getString("status"));

        // Ten days into a 30-day period, $30 -> $60 invoiced at once: exactly -2000 and +4000.
        Instant upgradeStart = instant(upgrading, "current_period_start");
        // Only subscription-service's clock matters for the change: it must happen within the second after the move.
        moveClockTo(upgradeStart.plus(Duration.ofDays(10)), List.of("subscription-service"));
        as(tenant).body(Map.of("plan_id", pro30, "proration_behavior", "always_invoice"))
                .post("/v1/subscriptions/" + upgrading + "/change-plan").then().statusCode(200);
        JsonPath upgraded = awaitInvoices(upgrading, 2, "paid");
        assertEquals(List.of(-2000, 4000), upgraded.getList("data[0].lines.amount"));
        assertEquals(List.of(true, true), upgraded.getList("data[0].lines.proration"));
        assertEquals(2000, upgraded.getInt("data[0].amount_due"));

        // The 7-day trial ended on the way: the first paid period starts at trial_end, invoiced and paid.
        Instant trialEnd = instant(trialing, "trial_end");
        JsonPath converted = awaitInvoices(trialing, 1, "paid");
        assertEquals(trialEnd.toString(), converted.getString("data[0].period_start"));
        awaitStatus(trialing, "active");

        // Before the month ends: a cancellation at period end, a pause, a card that will be declined.
        as(tenant).body(Map.of("at_period_end", true)).post("/v1/subscriptions/" + leaving + "/cancel").then()
                .statusCode(200);
        as(tenant).post("/v1/subscriptions/" + pausing + "/pause").then().statusCode(200);
        String declined = post("/v1/payment-methods", Map.of("customer_id", decliningCustomer, "provider",
                "simulator", "token", "tok_chargeDeclined"));
        as(tenant).post("/v1/payment-methods/" + declined + "/default").then().statusCode(200);

        Instant firstEnd = instant(renewing, "current_period_end");
        Instant leavingEnd = instant(leaving, "current_period_end");
        Instant pausedEnd = instant(pausing, "current_period_end");
        Instant decliningEnd = instant(declining, "current_period_end");
        Instant lastEnd = List.of(firstEnd, leavingEnd, pausedEnd, decliningEnd).stream().max(Instant::compareTo)
                .orElseThrow();
        moveClockTo(lastEnd.plus(Duration.ofMinutes(1)));

        JsonPath renewed = awaitInvoices(renewing, 2, "paid");
        assertEquals(firstEnd.toString(), renewed.getString("data[0].period_start"));
        assertEquals(firstEnd.toString(), subscription(renewing).getString("current_period_start"));

        awaitStatus(declining, "past_due");
        JsonPath dunned = Awaitility.await("the declined renewal in dunning").atMost(FLOW_DEADLINE)
                .until(() -> awaitInvoices(declining, 2, "open"),
                        json -> json.getString("data[0].next_payment_attempt") != null);
        assertEquals(1, dunned.getInt("data[0].attempt_count"));

        awaitStatus(leaving, "canceled");
        assertEquals(leavingEnd.toString(), subscription(leaving).getString("ended_at"));
        Awaitility.await("no invoice for a period it does not have").during(Duration.ofSeconds(2))
                .atMost(FLOW_DEADLINE).until(() -> get("/v1/invoices?subscription_id=" + leaving)
                        .getList("data").size() == 1);

        assertEquals("paused", subscription(pausing).getString("status"));
        assertEquals(pausedEnd.toString(), subscription(pausing).getString("current_period_end"), "not renewed");
        awaitInvoices(pausing, 1, "paid");
        Instant resumedAt = Instant.parse(as(tenant).post("/v1/subscriptions/" + pausing + "/resume").then()
                .statusCode(200).extract().<String> path("current_period_start"));
        JsonPath resumed = awaitInvoices(pausing, 2, "paid");
        assertEquals(resumedAt.toString(), resumed.getString("data[0].period_start"));
        awaitStatus(pausing, "active");

        // One jump over two period ends (32 days after one: past the next, short of the one after): two invoices,
        // in period order.
        Instant secondEnd = instant(renewing, "current_period_end");
        moveClockTo(secondEnd.plus(Duration.ofDays(32)));
        JsonPath jumped = Awaitility.await("both renewals paid").atMost(FLOW_DEADLINE)
                .until(() -> awaitInvoices(renewing, 4, "paid"), json -> "paid".equals(json.getString("data[1].status")));
        Instant thirdEnd = instant(renewing, "current_period_start");
        assertEquals(List.of(thirdEnd.toString(), secondEnd.toString()),
                List.of(jumped.getString("data[0].period_start"), jumped.getString("data[1].period_start")));
        assertEquals(thirdEnd.toString(), jumped.getString("data[1].period_end"), "the periods follow each other");
        int newer = Integer.parseInt(jumped.getString("data[0].number").substring(4));
        int older = Integer.parseInt(jumped.getString("data[1].number").substring(4));
        assertEquals(true, newer > older, "numbered in period order");

        bystander.assertStillOnRealTime();
    }

    /** A tenant of its own with a monthly subscription, whose clock nobody moves. */
    private class Bystander {

        final String tenantId = "bystander-" + UUID.randomUUID();
        final String subscription;
        final String periodEnd;

        Bystander() {
            String customer = as(tenantId).body(Map.of("billing_email", "bystander@example.com")).post("/v1/customers")
                    .then().statusCode(201).extract().path("id");
            as(tenantId).body(Map.of("customer_id", customer, "provider", "simulator", "token", "tok_visa"))
                    .post("/v1/payment-methods").then().statusCode(201);
            String plan = as(tenantId).body(Map.of("name", "Gold monthly", "amount", 1999, "currency", "USD",
                    "interval", "month")).post("/v1/plans").then().statusCode(201).extract().path("id");
            subscription = as(tenantId).body(Map.of("customer_id", customer, "plan_id", plan))
                    .post("/v1/subscriptions").then().statusCode(201).extract().path("id");
            periodEnd = as(tenantId).get("/v1/subscriptions/" + subscription).then().statusCode(200).extract()
                    .path("current_period_end");
        }

        void assertStillOnRealTime() {
            for (URI service : platform.services().values()) {
                as(tenantId).get(service.resolve("/v1/test-clock")).then().statusCode(200)
                        .body("offset_seconds", equalTo(0));
            }
            Instant now = Instant.parse(as(tenantId).get("/v1/test-clock").then().extract().path("now"));
            assertTrue(Duration.between(Instant.now(), now).abs().compareTo(Duration.ofMinutes(1)) < 0, now
                    + " is real time");
            as(tenantId).get("/v1/subscriptions/" + subscription).then().statusCode(200)
                    .body("status", equalTo("active")).body("current_period_end", equalTo(periodEnd));
            as(tenantId).get("/v1/invoices?subscription_id=" + subscription).then().statusCode(200)
                    .body("data.size()", equalTo(1)).body("data[0].status", equalTo("paid"));
        }
    }
}
