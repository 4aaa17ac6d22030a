package dev.billforge.subscription.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class PlanResourceTest {

    static final String MONTHLY = """
            {"name": "Gold monthly", "amount": 1999, "currency": "USD", "interval": "month"}""";

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private String create(String body) {
        return asAdmin().body(body).post("/v1/plans").then().statusCode(201).extract().path("id");
    }

    @Test
    void createReturnsThePlanWithDefaults() {
        asAdmin().body("""
                {"name": "Gold monthly", "description": "All features", "amount": 1999, "currency": "usd",
                 "interval": "month", "features": {"seats": "5"}, "metadata": {"sku": "gold"}}""")
                .post("/v1/plans").then().statusCode(201)
                .body("object", equalTo("plan"))
                .body("amount", equalTo(1999))
                .body("currency", equalTo("USD"))
                .body("interval", equalTo("month"))
                .body("interval_count", equalTo(1))
                .body("trial_period_days", equalTo(0))
                .body("active", equalTo(true))
                .body("features.seats", equalTo("5"))
                .body("metadata.sku", equalTo("gold"));
    }

    @Test
    void zeroDecimalCurrenciesTakeTheirMinorUnitAsIs() {
        String id = create("""
                {"name": "Yen plan", "amount": 500, "currency": "JPY", "interval": "year", "trial_period_days": 30}""");
        asAdmin().get("/v1/plans/" + id).then().statusCode(200).body("amount", equalTo(500))
                .body("currency", equalTo("JPY")).body("trial_period_days", equalTo(30));
    }

    @Test
    void badPlansAreRefusedFieldByField() {
        expectProblem(asAdmin().body("{\"name\": \"x\", \"currency\": \"USD\", \"interval\": \"month\"}")
                .post("/v1/plans").then(), 400, "validation_failed")
                .body("errors.field", hasItem("amount"));
        expectProblem(asAdmin().body("{\"name\": \"x\", \"amount\": -1, \"currency\": \"USD\", \"interval\": \"month\"}")
                .post("/v1/plans").then(), 400, "validation_failed")
                .body("errors.field", hasItem("amount"));
        expectProblem(asAdmin().body("{\"name\": \"x\", \"amount\": 19.99, \"currency\": \"USD\", \"interval\": \"month\"}")
                .post("/v1/plans").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("amount"));
        expectProblem(asAdmin().body("{\"name\": \"x\", \"amount\": 100, \"currency\": \"ABC\", \"interval\": \"month\"}")
                .post("/v1/plans").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("currency")).body("errors[0].code", equalTo("invalid_currency"));
        expectProblem(asAdmin().body("{\"name\": \"x\", \"amount\": 100, \"currency\": \"USD\", \"interval\": \"fortnight\"}")
                .post("/v1/plans").then(), 400, "validation_failed")
                .body("errors.field", hasItem("interval"));
        expectProblem(asAdmin().body("""
                {"name": "x", "amount": 100, "currency": "USD", "interval": "month", "interval_count": 13}""")
                .post("/v1/plans").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("interval_count")).body("errors[0].code", equalTo("out_of_range"));
        expectProblem(asAdmin().body("{\"name\": \"x\", \"amount\": 100, \"currency\": \"USD\", \"interval\": \"month\", \"price\": 1}")
                .post("/v1/plans").then(), 400, "validation_failed");
    }

    @Test
    void getAnswers404ForUnknownForeignAndMalformedIds() {
        String id = create(MONTHLY);
        expectProblem(asAdmin().get("/v1/plans/" + UUID.randomUUID()).then(), 404, "plan_not_found");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).get("/v1/plans/" + id).then(), 404,
                "plan_not_found");
        expectProblem(asAdmin().get("/v1/plans/not-a-uuid").then(), 404, "plan_not_found");
    }

    @Test
    void listIsNewestFirstWithCursorAndActiveFilter() {
        String first = create(MONTHLY);
        String second = create(MONTHLY);
        String third = create(MONTHLY);
        asAdmin().body("{\"active\": false}").patch("/v1/plans/" + second).then().statusCode(200);

        asAdmin().get("/v1/plans?limit=2").then().statusCode(200)
                .body("data.id", contains(third, second)).body("has_more", equalTo(true));
        asAdmin().get("/v1/plans?limit=2&starting_after=" + second).then().statusCode(200)
                .body("data.id", contains(first)).body("has_more", equalTo(false));
        asAdmin().get("/v1/plans?active=true").then().body("data.id", contains(third, first));
        asAdmin().get("/v1/plans?active=false").then().body("data.id", contains(second));
        expectProblem(asAdmin().get("/v1/plans?active=maybe").then(), 400, "validation_failed");
        expectProblem(asAdmin().get("/v1/plans?starting_after=" + UUID.randomUUID()).then(), 400, "validation_failed")
                .body("errors[0].code", equalTo("invalid_cursor"));
        given().auth().oauth2(TestTokens.admin("other-" + tenant)).get("/v1/plans").then().body("data", hasSize(0));
    }

    @Test
    void listFiltersBySeveralIdsInOneRequest() {
        String first = create(MONTHLY);
        create(MONTHLY);
        String third = create(MONTHLY);
        String foreign = given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body(MONTHLY).post("/v1/plans").then().statusCode(201).extract().path("id");
        asAdmin().get("/v1/plans?id=" + first + "&id=" + third + "&id=" + foreign).then().statusCode(200)
                .body("data.id", contains(third, first)).body("has_more", equalTo(false));
        expectProblem(asAdmin().get("/v1/plans?id=nope").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void patchChangesNameDescriptionActiveAndMetadataOnly() {
        String id = create("""
                {"name": "Gold", "description": "old", "amount": 1999, "currency": "USD", "interval": "month",
                 "metadata": {"a": "1", "b": "2"}}""");
        asAdmin().body("{\"name\": \"Gold (legacy)\", \"description\": null, \"active\": false, \"metadata\": {\"a\": null, \"c\": \"3\"}}")
                .patch("/v1/plans/" + id).then().statusCode(200)
                .body("name", equalTo("Gold (legacy)")).body("description", nullValue()).body("active", equalTo(false))
                .body("metadata.a", nullValue()).body("metadata.b", equalTo("2")).body("metadata.c", equalTo("3"))
                .body("amount", equalTo(1999));

        for (String priceChange : new String[] { "{\"amount\": 2999}", "{\"currency\": \"EUR\"}",
                "{\"interval\": \"year\"}", "{\"interval_count\": 2}" }) {
            expectProblem(asAdmin().body(priceChange).patch("/v1/plans/" + id).then(), 400, "validation_failed")
                    .body("errors[0].code", equalTo("plan_price_immutable"));
        }
        expectProblem(asAdmin().body("{\"name\": null}").patch("/v1/plans/" + id).then(), 400, "validation_failed");
        expectProblem(asAdmin().body("{\"name\": \"x\"}").patch("/v1/plans/" + UUID.randomUUID()).then(), 404,
                "plan_not_found");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body("{\"name\": \"x\"}").patch("/v1/plans/" + id).then(), 404, "plan_not_found");
    }

    @Test
    void authIsRequiredAndReadersCannotWrite() {
        expectProblem(given().contentType(ContentType.JSON).body(MONTHLY).post("/v1/plans").then(), 401,
                "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON).body(MONTHLY)
                .post("/v1/plans").then(), 403, "forbidden");
        String id = create(MONTHLY);
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/plans/" + id).then().statusCode(200);
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreate() {
        String first = asAdmin().header("Idempotency-Key", "plan-" + UUID.randomUUID()).body(MONTHLY)
                .post("/v1/plans").then().statusCode(201).extract().path("id");
        String key = "plan-" + UUID.randomUUID();
        String created = asAdmin().header("Idempotency-Key", key).body(MONTHLY).post("/v1/plans").then()
                .statusCode(201).extract().path("id");
        asAdmin().header("Idempotency-Key", key).body(MONTHLY).post("/v1/plans").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(created));
        asAdmin().get("/v1/plans").then().body("data", hasSize(2)).body("data.id", hasItem(first));
    }
}
