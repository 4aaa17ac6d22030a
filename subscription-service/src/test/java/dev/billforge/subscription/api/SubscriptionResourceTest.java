package dev.billforge.subscription.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.Topics;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class SubscriptionResourceTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private String plan(String body) {
        return asAdmin().body(body).post("/v1/plans").then().statusCode(201).extract().path("id");
    }

    private String monthlyPlan() {
        return plan(PlanResourceTest.MONTHLY);
    }

    /** A customer the service has heard of (its customer.created has been consumed). */
    private String knownCustomer() {
        UUID id = CustomerAnnouncements.announce(tenant, "ada@example.com");
        String customer = id.toString();
        String probePlan = monthlyPlan();
        // The first subscription waits for the announcement; cancel it so the customer is free again.
        String probe = subscribe(customer, probePlan).then().statusCode(201).extract().path("id");
        asAdmin().post("/v1/subscriptions/" + probe + "/cancel").then().statusCode(200);
        return customer;
    }

    private io.restassured.response.Response subscribe(String customer, String plan) {
        return asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan + "\"}")
                .post("/v1/subscriptions");
    }

    private String subscribed(String customer, String plan) {
        return subscribe(customer, plan).then().statusCode(201).extract().path("id");
    }

    @Test
    void withoutATrialTheSubscriptionIsIncompleteUntilItsFirstInvoiceIsPaid() {
        String customer = knownCustomer();
        String plan = monthlyPlan();
        var created = asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + plan
                + "\", \"metadata\": {\"order\": \"42\"}}").post("/v1/subscriptions").then().statusCode(201)
                .body("object", equalTo("subscription"))
                .body("customer_id", equalTo(customer))
                .body("plan.id", equalTo(plan))
                .body("plan.amount", equalTo(1999))
                .body("status", equalTo("incomplete"))
                .body("trial_end", nullValue())
                .body("cancel_at_period_end", equalTo(false))
                .body("metadata.order", equalTo("42"))
                .extract();
        Instant start = Instant.parse(created.path("current_period_start"));
        Instant end = Instant.parse(created.path("current_period_end"));
        assertEquals(start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(), end);
    }

    @Test
    void aTrialFromThePlanOrTheRequestStartsTrialing() {
        String customer = knownCustomer();
        String trialPlan = plan("""
                {"name": "Trial", "amount": 1000, "currency": "EUR", "interval": "month", "trial_period_days": 14}""");
        asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + trialPlan + "\"}")
                .post("/v1/subscriptions").then().statusCode(201)
                .body("status", equalTo("trialing")).body("trial_start", notNullValue()).body("trial_end", notNullValue());
        String otherPlan = monthlyPlan();
        asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + otherPlan
                + "\", \"trial_period_days\": 7}").post("/v1/subscriptions").then().statusCode(201)
                .body("status", equalTo("trialing"));
        String thirdPlan = plan("""
                {"name": "Trial 2", "amount": 1000, "currency": "EUR", "interval": "month", "trial_period_days": 14}""");
        asAdmin().body("{\"customer_id\": \"" + customer + "\", \"plan_id\": \"" + thirdPlan
                + "\", \"trial_period_days\": 0}").post("/v1/subscriptions").then().statusCode(201)
                .body("status", equalTo("incomplete"));
    }

    @Test
    void aCustomerCreatedAMomentAgoCanSubscribeAtOnce() {
        String plan = monthlyPlan();
        UUID customer = CustomerAnnouncements.announce(tenant, "new@example.com");
        subscribe(customer.toString(), plan).then().statusCode(201).body("customer_id", equalTo(customer.toString()));
    }

    @Test
    void unknownForeignOrDeletedCustomersAndUnknownOrInactivePlansAre404() {
        String plan = monthlyPlan();
        expectProblem(subscribe(UUID.randomUUID().toString(), plan).then(), 404, "customer_not_found");
        expectProblem(subscribe("cus_nope", plan).then(), 404, "customer_not_found");
        UUID foreign = CustomerAnnouncements.announce("other-" + tenant, "x@example.com");
        // The foreign customer is announced, but for another tenant: this tenant waits, then gets 404.
        expectProblem(subscribe(foreign.toString(), plan).then(), 404, "customer_not_found");

        String customer = knownCustomer();
        expectProblem(subscribe(customer, UUID.randomUUID().toString()).then(), 404, "plan_not_found");
        String inactive = monthlyPlan();
        asAdmin().body("{\"active\": false}").patch("/v1/plans/" + inactive).then().statusCode(200);
        expectProblem(subscribe(customer, inactive).then(), 404, "plan_not_found");
        String foreignPlan = given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body(PlanResourceTest.MONTHLY).post("/v1/plans").then().statusCode(201).extract().path("id");
        expectProblem(subscribe(customer, foreignPlan).then(), 404, "plan_not_found");
    }

    @Test
    void oneLiveSubscriptionPerCustomerAndPlan() {
        String customer = knownCustomer();
        String plan = monthlyPlan();
        String first = subscribed(customer, plan);
        expectProblem(subscribe(customer, plan).then(), 409, "subscription_active");
        asAdmin().post("/v1/subscriptions/" + first + "/cancel").then().statusCode(200);
        subscribed(customer, plan);
    }

    @Test
    void badBodiesAre400() {
        expectProblem(asAdmin().body("{\"plan_id\": \"" + UUID.randomUUID() + "\"}").post("/v1/subscriptions").then(),
                400, "validation_failed").body("errors[0].field", equalTo("customer_id"));
        expectProblem(asAdmin().body("{\"customer_id\": \"" + UUID.randomUUID() + "\", \"plan_id\": \""
                + UUID.randomUUID() + "\", \"trial_period_days\": -1}").post("/v1/subscriptions").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("trial_period_days"));
        expectProblem(asAdmin().body("[]").post("/v1/subscriptions").then(), 400, "malformed_json");
    }

    @Test
    void getAndListAreScopedToTheTenantAndFilterable() {
        String customer = knownCustomer();
        String other = knownCustomer();
        String a = subscribed(customer, monthlyPlan());
        String b = subscribed(customer, monthlyPlan());
        String c = subscribed(other, monthlyPlan());
        asAdmin().post("/v1/subscriptions/" + b + "/cancel").then().statusCode(200);

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/subscriptions/" + a).then().statusCode(200)
                .body("id", equalTo(a));
        expectProblem(asAdmin().get("/v1/subscriptions/" + UUID.randomUUID()).then(), 404, "subscription_not_found");
        expectProblem(asAdmin().get("/v1/subscriptions/nope").then(), 404, "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).get("/v1/subscriptions/" + a).then(),
                404, "subscription_not_found");

        asAdmin().get("/v1/subscriptions?customer_id=" + customer + "&status=incomplete").then()
                .body("data.id", contains(a));
        asAdmin().get("/v1/subscriptions?status=canceled&customer_id=" + customer).then()
                .body("data.id", hasSize(2)); // b, and knownCustomer()'s probe
        asAdmin().get("/v1/subscriptions?customer_id=" + other + "&status=incomplete").then()
                .body("data.id", containsInAnyOrder(c));
        asAdmin().get("/v1/subscriptions?limit=1&customer_id=" + customer).then().body("has_more", equalTo(true));
        asAdmin().get("/v1/subscriptions?status=incomplete&customer_id=" + customer + "&customer_id=" + other).then()
                .body("data.id", containsInAnyOrder(a, c)); // several customers' at once (the console's email search)
        expectProblem(asAdmin().get("/v1/subscriptions?status=sleeping").then(), 400, "validation_failed");
        expectProblem(asAdmin().get("/v1/subscriptions?customer_id=42").then(), 400, "validation_failed");
        expectProblem(asAdmin().get("/v1/subscriptions?starting_after=" + UUID.randomUUID()).then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
        given().auth().oauth2(TestTokens.admin("other-" + tenant)).get("/v1/subscriptions").then()
                .body("data", hasSize(0));
    }

    @Test
    void cancelNowOrAtPeriodEnd() {
        String customer = knownCustomer();
        String now = subscribed(customer, monthlyPlan());
        asAdmin().body("{\"at_period_end\": false}").post("/v1/subscriptions/" + now + "/cancel").then()
                .statusCode(200).body("status", equalTo("canceled")).body("canceled_at", notNullValue())
                .body("ended_at", notNullValue());
        expectProblem(asAdmin().post("/v1/subscriptions/" + now + "/cancel").then(), 409, "subscription_canceled");

        String later = subscribed(customer, monthlyPlan());
        asAdmin().body("{\"at_period_end\": true}").post("/v1/subscriptions/" + later + "/cancel").then()
                .statusCode(200).body("status", equalTo("incomplete")).body("cancel_at_period_end", equalTo(true))
                .body("ended_at", nullValue());

        expectProblem(asAdmin().post("/v1/subscriptions/" + UUID.randomUUID() + "/cancel").then(), 404,
                "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .post("/v1/subscriptions/" + later + "/cancel").then(), 404, "subscription_not_found");
        expectProblem(asAdmin().body("{\"at_period_end\": \"soon\"}").post("/v1/subscriptions/" + later + "/cancel")
                .then(), 400, "validation_failed");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .post("/v1/subscriptions/" + later + "/cancel").then(), 403, "forbidden");
    }

    @Test
    void authIsRequired() {
        expectProblem(given().contentType(ContentType.JSON).body("{}").post("/v1/subscriptions").then(), 401,
                "unauthenticated");
        expectProblem(given().get("/v1/subscriptions").then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body("{\"customer_id\": \"" + UUID.randomUUID() + "\", \"plan_id\": \"" + UUID.randomUUID() + "\"}")
                .post("/v1/subscriptions").then(), 403, "forbidden");
    }

    @Test
    void concurrentDuplicateSubscribesCreateOne() {
        String customer = knownCustomer();
        String plan = monthlyPlan();
        var results = java.util.stream.IntStream.range(0, 6).parallel()
                .mapToObj(i -> subscribe(customer, plan).statusCode()).toList();
        assertEquals(1, results.stream().filter(status -> status == 201).count(), results.toString());
        assertEquals(5, results.stream().filter(status -> status == 409).count(), results.toString());
        asAdmin().get("/v1/subscriptions?status=incomplete&customer_id=" + customer).then().body("data", hasSize(1));
    }

    @Test
    void patchWithdrawsAScheduledCancellationAndMergesMetadata() {
        String customer = knownCustomer();
        String id = subscribed(customer, monthlyPlan());
        asAdmin().body("{\"at_period_end\": true}").post("/v1/subscriptions/" + id + "/cancel").then().statusCode(200);

        asAdmin().contentType("application/merge-patch+json")
                .body("{\"cancel_at_period_end\": false, \"metadata\": {\"crm\": \"7\"}}")
                .patch("/v1/subscriptions/" + id).then().statusCode(200)
                .body("cancel_at_period_end", equalTo(false)).body("metadata.crm", equalTo("7"));
        asAdmin().body("{\"metadata\": {\"crm\": null, \"tier\": \"gold\"}}").patch("/v1/subscriptions/" + id)
                .then().statusCode(200).body("metadata.size()", equalTo(1)).body("metadata.tier", equalTo("gold"))
                .body("cancel_at_period_end", equalTo(false));

        expectProblem(asAdmin().body("{\"cancel_at_period_end\": null}").patch("/v1/subscriptions/" + id).then(), 400,
                "validation_failed");
        expectProblem(asAdmin().body("{\"plan_id\": \"" + UUID.randomUUID() + "\"}").patch("/v1/subscriptions/" + id)
                .then(), 400, "validation_failed");
        expectProblem(asAdmin().body("[]").patch("/v1/subscriptions/" + id).then(), 400, "malformed_json");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body("{\"metadata\": {}}").patch("/v1/subscriptions/" + id).then(), 404, "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body("{\"metadata\": {}}").patch("/v1/subscriptions/" + id).then(), 403, "forbidden");

        asAdmin().post("/v1/subscriptions/" + id + "/cancel").then().statusCode(200);
        expectProblem(asAdmin().body("{\"cancel_at_period_end\": true}").patch("/v1/subscriptions/" + id).then(), 409,
                "subscription_canceled");
    }

    @Test
    void pauseAndResumeStartANewPeriodAnchoredAtTheResume() {
        String customer = knownCustomer();
        String id = subscribed(customer, monthlyPlan());
        asAdmin().post("/v1/subscriptions/" + id + "/pause").then().statusCode(200)
                .body("status", equalTo("paused")).body("paused_at", notNullValue());
        expectProblem(asAdmin().post("/v1/subscriptions/" + id + "/pause").then(), 409, "subscription_paused");
        expectProblem(subscribe(customer, asAdmin().get("/v1/subscriptions/" + id).then().extract().path("plan.id"))
                .then(), 409, "subscription_active"); // a paused subscription still holds its plan

        Instant before = Instant.now();
        var resumed = asAdmin().header("Idempotency-Key", "resume-" + id).post("/v1/subscriptions/" + id + "/resume")
                .then().statusCode(200).body("status", equalTo("active")).body("paused_at", nullValue())
                .extract();
        Instant start = Instant.parse(resumed.path("current_period_start"));
        assertEquals(true, !start.isBefore(before.minusSeconds(1)), "the new period starts at the resume");
        assertEquals(start.toString(), resumed.path("billing_cycle_anchor"));
        assertEquals(start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toString(),
                resumed.path("current_period_end"));
        asAdmin().header("Idempotency-Key", "resume-" + id).post("/v1/subscriptions/" + id + "/resume").then()
                .statusCode(200).header("Idempotent-Replayed", "true");
        expectProblem(asAdmin().post("/v1/subscriptions/" + id + "/resume").then(), 409, "subscription_not_paused");

        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .post("/v1/subscriptions/" + id + "/pause").then(), 404, "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .post("/v1/subscriptions/" + id + "/pause").then(), 403, "forbidden");
        asAdmin().get("/v1/subscriptions?status=paused&customer_id=" + customer).then().body("data", hasSize(0));

        asAdmin().post("/v1/subscriptions/" + id + "/cancel").then().statusCode(200);
        expectProblem(asAdmin().post("/v1/subscriptions/" + id + "/pause").then(), 409, "subscription_canceled");
        expectProblem(asAdmin().post("/v1/subscriptions/" + id + "/resume").then(), 409, "subscription_canceled");
    }

    @Test
    void changingThePlanIsProratedAndRefusedWhenItCannotApply() {
        String customer = knownCustomer();
        String basic = monthlyPlan();
        String pro = plan("{\"name\": \"Pro\", \"amount\": 3998, \"currency\": \"USD\","
                + " \"interval\": \"month\"}");
        String euro = plan("{\"name\": \"Euro\", \"amount\": 1999, \"currency\": \"EUR\","
                + " \"interval\": \"month\"}");
        String id = subscribed(customer, basic);
        String path = "/v1/subscriptions/" + id + "/change-plan";

        try (var reader = new KafkaTopicReader(Topics.SUBSCRIPTION_PLAN_CHANGED)) {
            asAdmin().body("{\"plan_id\": \"" + pro + "\", \"proration_behavior\": \"always_invoice\"}").post(path)
                    .then().statusCode(200).body("plan.id", equalTo(pro)).body("plan.amount", equalTo(3998));
            var event = EventJson.data(EventJson.read(reader.awaitKey(id, Duration.ofSeconds(30),
                    Duration.ofSeconds(1)).get(0).value()), EventCatalog.SUBSCRIPTION_PLAN_CHANGED);
            assertEquals(basic, event.previousPlan().id().toString());
            assertEquals("always_invoice", event.prorationBehavior());
            assertEquals(2, event.prorationLines().size());
            long credit = event.prorationLines().get(0).amount();
            long charge = event.prorationLines().get(1).amount();
            // moments into the period: nearly all of the old price back, nearly all of the new one charged
            assertEquals(true, credit < 0 && credit >= -1999 && credit <= -1990, "credit " + credit);
            assertEquals(true, charge <= 3998 && charge >= 3980, "charge " + charge);
        }

        expectProblem(asAdmin().body("{\"plan_id\": \"" + pro + "\"}").post(path).then(), 409, "plan_unchanged");
        expectProblem(asAdmin().body("{\"plan_id\": \"" + euro + "\"}").post(path).then(), 400, "currency_mismatch");
        expectProblem(asAdmin().body("{\"plan_id\": \"" + basic + "\", \"proration_behavior\": \"sometimes\"}")
                .post(path).then(), 400, "validation_failed");
        expectProblem(asAdmin().body("{}").post(path).then(), 400, "validation_failed");
        expectProblem(asAdmin().body("{\"plan_id\": \"" + UUID.randomUUID() + "\"}").post(path).then(), 404,
                "plan_not_found");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body("{\"plan_id\": \"" + basic + "\"}").post(path).then(), 404, "subscription_not_found");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body("{\"plan_id\": \"" + basic + "\"}").post(path).then(), 403, "forbidden");

        String other = subscribed(customer, basic);
        expectProblem(asAdmin().body("{\"plan_id\": \"" + pro + "\"}").post("/v1/subscriptions/" + other
                + "/change-plan").then(), 409, "subscription_active"); // the customer holds Pro already

        asAdmin().post("/v1/subscriptions/" + id + "/pause").then().statusCode(200);
        expectProblem(asAdmin().body("{\"plan_id\": \"" + basic + "\"}").post(path).then(), 409, "subscription_paused");
        asAdmin().post("/v1/subscriptions/" + id + "/cancel").then().statusCode(200);
        expectProblem(asAdmin().body("{\"plan_id\": \"" + basic + "\"}").post(path).then(), 409,
                "subscription_canceled");
    }

    @Test
    void aPlanChangeIsPreviewedWithItsProrationsAndNothingChanges() {
        String customer = knownCustomer();
        String basic = monthlyPlan();
        String pro = plan("{\"name\": \"Pro\", \"amount\": 3998, \"currency\": \"USD\","
                + " \"interval\": \"month\"}");
        String yearly = plan("{\"name\": \"Yearly\", \"amount\": 19990, \"currency\": \"USD\","
                + " \"interval\": \"year\"}");
        String id = subscribed(customer, basic);
        String preview = "/v1/subscriptions/" + id + "/change-plan/preview";

        var answer = given().auth().oauth2(TestTokens.reader(tenant)).get(preview + "?plan_id=" + pro).then()
                .statusCode(200).body("object", equalTo("plan_change_preview")).body("plan.id", equalTo(pro))
                .body("proration_behavior", equalTo("create_prorations")).body("invoiced_now", equalTo(false))
                .body("new_period", equalTo(false)).body("lines", hasSize(2)).extract().jsonPath();
        long credit = answer.getLong("lines[0].amount");
        long charge = answer.getLong("lines[1].amount");
        assertEquals(true, credit < 0 && credit >= -1999 && credit <= -1990, "credit " + credit);
        assertEquals(true, charge <= 3998 && charge >= 3980, "charge " + charge);
        assertEquals(credit + charge, answer.getLong("amount"), "the lines add up");
        asAdmin().get("/v1/subscriptions/" + id).then().body("plan.id", equalTo(basic)); // nothing changed

        asAdmin().get(preview + "?plan_id=" + pro + "&proration_behavior=none").then().statusCode(200)
                .body("lines", hasSize(0)).body("amount", equalTo(0));
        var newPeriod = asAdmin().get(preview + "?plan_id=" + yearly + "&proration_behavior=always_invoice").then()
                .statusCode(200).body("new_period", equalTo(true)).body("invoiced_now", equalTo(true))
                .body("lines", hasSize(2)).extract().jsonPath();
        assertEquals(19990, newPeriod.getLong("lines[1].amount"), "the new yearly period, whole");
        assertEquals(newPeriod.getLong("lines[0].amount") + 19990, newPeriod.getLong("amount"));

        expectProblem(asAdmin().get(preview + "?plan_id=" + basic).then(), 409, "plan_unchanged");
        expectProblem(asAdmin().get(preview).then(), 400, "validation_failed");
        expectProblem(asAdmin().get(preview + "?plan_id=" + pro + "&proration_behavior=sometimes").then(), 400,
                "validation_failed");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).get(preview + "?plan_id=" + pro)
                .then(), 404, "subscription_not_found");
    }

    @Test
    void twoRequestsWithOneIdempotencyKeyAtOnceAreOneActionAndBothGetItsAnswer() throws Exception {
        String id = subscribed(knownCustomer(), monthlyPlan());
        String key = "double-click-" + UUID.randomUUID();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<io.restassured.response.Response> pause = () -> asAdmin()
                    .header("Idempotency-Key", key).post("/v1/subscriptions/" + id + "/pause");
            var first = pool.submit(pause);
            var second = pool.submit(pause);
            for (var answer : java.util.List.of(first.get(), second.get())) {
                // The twin that lost the race is never "paused already": it replays the winner's answer, or (the
                // winner still in flight) is told to retry, and then replays it
                if (answer.statusCode() == 409) {
                    assertEquals("idempotency_key_in_use", answer.jsonPath().getString("code"), answer.asString());
                    answer = pause.call();
                }
                answer.then().statusCode(200).body("status", equalTo("paused"));
            }
        } finally {
            pool.shutdown();
        }
        expectProblem(asAdmin().post("/v1/subscriptions/" + id + "/pause").then(), 409, "subscription_paused");
    }
}
