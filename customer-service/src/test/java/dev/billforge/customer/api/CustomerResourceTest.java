package dev.billforge.customer.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class CustomerResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    /** Each test works in its own tenant, so tests never see each other's customers. */
    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private RequestSpecification asReader() {
        return given().auth().oauth2(TestTokens.reader(tenant));
    }

    private String create(String body) {
        return asAdmin().body(body).post("/v1/customers").then().statusCode(201).extract().path("id");
    }

    private String createWithEmail(String email) {
        return create("{\"billing_email\":\"" + email + "\"}");
    }

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status))
                .body("code", equalTo(code)).body("type", equalTo("https://docs.billforge.dev/errors/" + code))
                .body("title", notNullValue());
    }

    // --- create ---------------------------------------------------------------------------------------------

    @Test
    void createReturnsTheCustomerInSnakeCase() {
        asAdmin().body("""
                {"billing_email": "ada@example.com", "name": "Ada Lovelace", "user_id": "u-42",
                 "default_payment_method_id": "pm_123",
                 "address": {"line1": "12 Analytical Row", "city": "London", "postal_code": "N1 9GU", "country": "GB"},
                 "tax_country": "GB", "metadata": {"crm_id": "abc"}}
                """).post("/v1/customers").then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("object", equalTo("customer"))
                .body("billing_email", equalTo("ada@example.com"))
                .body("name", equalTo("Ada Lovelace"))
                .body("user_id", equalTo("u-42"))
                .body("default_payment_method_id", equalTo("pm_123"))
                .body("address.line1", equalTo("12 Analytical Row"))
                .body("address.postal_code", equalTo("N1 9GU"))
                .body("address.country", equalTo("GB"))
                .body("tax_country", equalTo("GB"))
                .body("metadata.crm_id", equalTo("abc"))
                .body("created_at", matchesPattern(ISO_UTC))
                .body("updated_at", matchesPattern(ISO_UTC));
    }

    @Test
    void createNeedsOnlyABillingEmail() {
        String id = createWithEmail("min@example.com");
        asReader().get("/v1/customers/" + id).then().statusCode(200)
                .body("name", nullValue()).body("address", nullValue()).body("metadata.size()", equalTo(0));
    }

    // --- read -------------------------------------------------------------------------------------------------

    @Test
    void getReturnsWhatCreateReturned() {
        String created = asAdmin().body("{\"billing_email\":\"get@example.com\",\"name\":\"G\"}").post("/v1/customers")
                .then().statusCode(201).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        String read = asReader().get("/v1/customers/" + id).then().statusCode(200).extract().asString();
        assertEquals(created, read);
    }

    @Test
    void unknownMalformedAndForeignIdsAreAllNotFound() {
        String foreign = given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body("{\"billing_email\":\"foreign@example.com\"}").post("/v1/customers").then().statusCode(201)
                .extract().path("id");
        for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid", foreign }) {
            expectProblem(asReader().get("/v1/customers/" + id).then(), 404, "customer_not_found");
            expectProblem(asAdmin().body("{\"name\":\"x\"}").patch("/v1/customers/" + id).then(), 404,
                    "customer_not_found");
            expectProblem(asAdmin().delete("/v1/customers/" + id).then(), 404, "customer_not_found");
        }
    }

    @Test
    void listPaginatesNewestFirstWithACursor() {
        String first = createWithEmail("p1@example.com");
        String second = createWithEmail("p2@example.com");
        String third = createWithEmail("p3@example.com");

        asReader().queryParam("limit", 2).get("/v1/customers").then().statusCode(200)
                .body("data.id", contains(third, second)).body("has_more", equalTo(true));
        asReader().queryParam("limit", 2).queryParam("starting_after", second).get("/v1/customers").then()
                .statusCode(200).body("data.id", contains(first)).body("has_more", equalTo(false));
        asReader().get("/v1/customers").then().statusCode(200).body("data", hasSize(3)).body("has_more", equalTo(false));
    }

    @Test
    void listFiltersByEmailIgnoringCase() {
        String wanted = createWithEmail("Finance@Example.com");
        createWithEmail("other@example.com");
        asReader().queryParam("email", "finance@example.COM").get("/v1/customers").then().statusCode(200)
                .body("data.id", contains(wanted));
    }

    @Test
    void listFiltersBySeveralIdsInOneRequest() {
        String first = createWithEmail("batch1@example.com");
        createWithEmail("batch2@example.com");
        String third = createWithEmail("batch3@example.com");
        String foreign = given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .body("{\"billing_email\":\"batch@example.com\"}").post("/v1/customers").then().statusCode(201)
                .extract().path("id");

        asReader().queryParam("id", first, third, foreign, UUID.randomUUID().toString()).get("/v1/customers").then()
                .statusCode(200).body("data.id", contains(third, first)).body("has_more", equalTo(false));
        expectProblem(asReader().queryParam("id", first, "nope").get("/v1/customers").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("id")).body("errors[0].code", equalTo("invalid_value"));
        Object[] tooMany = java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).limit(101).toArray();
        expectProblem(asReader().queryParam("id", tooMany).get("/v1/customers").then(), 400, "validation_failed")
                .body("errors[0].code", equalTo("out_of_range"));
    }

    @Test
    void listRejectsBadPagingParameters() {
        expectProblem(asReader().queryParam("limit", 0).get("/v1/customers").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("limit"));
        expectProblem(asReader().queryParam("limit", 101).get("/v1/customers").then(), 400, "validation_failed");
        expectProblem(asReader().queryParam("limit", "ten").get("/v1/customers").then(), 400, "validation_failed");
        expectProblem(asReader().queryParam("starting_after", "nope").get("/v1/customers").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("starting_after"));
        expectProblem(asReader().queryParam("starting_after", UUID.randomUUID()).get("/v1/customers").then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
    }

    // --- update -----------------------------------------------------------------------------------------------

    @Test
    void patchChangesOnlyWhatIsSentAndMergesMetadata() {
        String id = create("{\"billing_email\":\"patch@example.com\",\"name\":\"Old\",\"user_id\":\"u1\","
                + "\"metadata\":{\"keep\":\"1\",\"drop\":\"2\"}}");
        String createdUpdatedAt = asReader().get("/v1/customers/" + id).then().extract().path("updated_at");

        asAdmin().body("{\"name\":\"New\",\"user_id\":null,\"metadata\":{\"drop\":null,\"add\":\"3\"}}")
                .patch("/v1/customers/" + id).then().statusCode(200)
                .body("name", equalTo("New"))
                .body("user_id", nullValue())
                .body("billing_email", equalTo("patch@example.com"))
                .body("metadata.keep", equalTo("1"))
                .body("metadata.add", equalTo("3"))
                .body("metadata", not(hasItem("drop")))
                .body("metadata.size()", equalTo(2))
                .body("updated_at", not(equalTo(createdUpdatedAt)));

        asReader().get("/v1/customers/" + id).then().body("name", equalTo("New")).body("metadata.drop", nullValue());
    }

    @Test
    void patchAcceptsMergePatchMediaTypeAndClearsTheAddress() {
        String id = create("{\"billing_email\":\"addr@example.com\",\"address\":{\"country\":\"US\",\"state\":\"CA\"}}");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/merge-patch+json")
                .body("{\"address\":null}").patch("/v1/customers/" + id).then().statusCode(200)
                .body("address", nullValue());
    }

    @Test
    void patchRefusesToRemoveTheBillingEmailOrAcceptBadValues() {
        String id = createWithEmail("keep@example.com");
        expectProblem(asAdmin().body("{\"billing_email\":null}").patch("/v1/customers/" + id).then(), 400,
                "validation_failed").body("errors[0].field", equalTo("billing_email"));
        expectProblem(asAdmin().body("{\"billing_email\":\"nope\"}").patch("/v1/customers/" + id).then(), 400,
                "validation_failed").body("errors[0].field", equalTo("billing_email"));
        expectProblem(asAdmin().body("{\"nickname\":\"x\"}").patch("/v1/customers/" + id).then(), 400,
                "validation_failed").body("errors[0].code", equalTo("unknown_field"));
        expectProblem(asAdmin().body("[1,2]").patch("/v1/customers/" + id).then(), 400, "malformed_json");
    }

    // --- delete -----------------------------------------------------------------------------------------------

    @Test
    void deleteAnswersLikeStripeAndTheCustomerIsGone() {
        String id = createWithEmail("gone@example.com");
        asAdmin().delete("/v1/customers/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("object", equalTo("customer")).body("deleted", equalTo(true));
        expectProblem(asReader().get("/v1/customers/" + id).then(), 404, "customer_not_found");
        asReader().get("/v1/customers").then().body("data", hasSize(0));
        expectProblem(asAdmin().delete("/v1/customers/" + id).then(), 404, "customer_not_found");
    }

    // --- authentication and roles -----------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAre401() {
        expectProblem(given().get("/v1/customers").then(), 401, "unauthenticated");
        expectProblem(given().contentType(ContentType.JSON).body("{\"billing_email\":\"a@b.co\"}")
                .post("/v1/customers").then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.forged(tenant, TestTokens.ADMIN)).get("/v1/customers").then(),
                401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.expired(tenant, TestTokens.ADMIN)).get("/v1/customers").then(),
                401, "unauthenticated");
        expectProblem(given().auth().oauth2("not.a.jwt").get("/v1/customers").then(), 401, "unauthenticated");
    }

    @Test
    void readersCannotWriteAndTokensWithoutRolesCannotRead() {
        String id = createWithEmail("roles@example.com");
        RequestSpecification reader = asReader().contentType(ContentType.JSON);
        expectProblem(reader.body("{\"billing_email\":\"r@example.com\"}").post("/v1/customers").then(), 403, "forbidden");
        expectProblem(asReader().contentType(ContentType.JSON).body("{\"name\":\"x\"}").patch("/v1/customers/" + id)
                .then(), 403, "forbidden");
        expectProblem(asReader().delete("/v1/customers/" + id).then(), 403, "forbidden");
        expectProblem(given().auth().oauth2(TestTokens.token(tenant, "some-other-role")).get("/v1/customers").then(),
                403, "forbidden");
    }

    @Test
    void aTokenWithoutTenantIsForbidden() {
        expectProblem(given().auth().oauth2(TestTokens.withoutTenant(TestTokens.ADMIN)).get("/v1/customers").then(),
                403, "tenant_missing");
    }

    // --- bad input --------------------------------------------------------------------------------------------

    @Test
    void malformedJsonIs400() {
        expectProblem(asAdmin().body("{\"billing_email\": ").post("/v1/customers").then(), 400, "malformed_json")
                .body("detail", containsString("not valid JSON"));
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\"} trailing").post("/v1/customers").then(), 400,
                "malformed_json");
    }

    @Test
    void anEmptyBodyIs400() {
        expectProblem(asAdmin().post("/v1/customers").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("body")).body("errors[0].code", equalTo("required"));
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        expectProblem(asAdmin().body("{\"billing_email\": 42}").post("/v1/customers").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("billing_email")).body("errors[0].code", equalTo("invalid_type"));
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\",\"metadata\":[1]}").post("/v1/customers").then(),
                400, "validation_failed").body("errors[0].field", equalTo("metadata"));
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\",\"address\":\"Main St\"}").post("/v1/customers")
                .then(), 400, "validation_failed").body("errors[0].field", equalTo("address"));
    }

    @Test
    void unknownFieldsAre400() {
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\",\"card_number\":\"4242\"}").post("/v1/customers")
                .then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("card_number")).body("errors[0].code", equalTo("unknown_field"));
    }

    @Test
    void invalidValuesAre400WithPerFieldDetails() {
        expectProblem(asAdmin().body("""
                {"billing_email": "not-an-email", "tax_country": "XX",
                 "address": {"line1": "1 Main St"}, "default_payment_method_id": "not a token!"}
                """).post("/v1/customers").then(), 400, "validation_failed")
                .body("errors.field", contains("address.country", "billing_email", "default_payment_method_id",
                        "tax_country"))
                .body("errors.code", contains("required", "invalid_format", "invalid_format", "invalid_country"))
                .body("errors[1].message", not(emptyOrNullString()));
    }

    /** The chassis refuses card numbers in every field of every service's requests, and never repeats them. */
    @Test
    void aCardNumberInAnyFieldIsRefusedAndNotEchoed() {
        for (String body : new String[] {
                "{\"billing_email\": \"a@b.co\", \"name\": \"Ada 4242 4242 4242 4242\"}",
                "{\"billing_email\": \"a@b.co\", \"metadata\": {\"card\": \"5555555555554444\"}}",
                "{\"billing_email\": \"a@b.co\", \"default_payment_method_id\": \"4242424242424242\"}" }) {
            String answer = expectProblem(asAdmin().body(body).post("/v1/customers").then(), 400,
                    "card_data_not_accepted").extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(answer.contains("4242") || answer.contains("4444"), answer);
        }
        // Long numbers that are no card (epoch milliseconds, a UUID) pass.
        asAdmin().body("{\"billing_email\": \"a@b.co\", \"metadata\": {\"synced_at\": \"1764054000000\","
                + " \"crm_id\": \"01234567-8901-2345-6789-012345678901\"}}").post("/v1/customers").then()
                .statusCode(201);
    }

    @Test
    void metadataLimitsAreEnforced() {
        StringBuilder tooMany = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\",\"metadata\":" + tooMany + "}}")
                .post("/v1/customers").then(), 400, "validation_failed").body("errors[0].field", equalTo("metadata"));
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\",\"metadata\":{\"k\":null}}").post("/v1/customers")
                .then(), 400, "validation_failed");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "x".repeat(70_000);
        expectProblem(asAdmin().body("{\"billing_email\":\"a@b.co\",\"name\":\"" + big + "\"}").post("/v1/customers")
                .then(), 413, "request_too_large");
    }

    @Test
    void otherMediaTypesAre415() {
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.TEXT).body("hello")
                .post("/v1/customers").then(), 415, "unsupported_media_type");
    }

    @Test
    void unknownPathsAre404Problems() {
        expectProblem(asReader().get("/v1/nothing-here").then(), 404, "not_found");
    }

    // --- idempotency ------------------------------------------------------------------------------------------

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        String body = "{\"billing_email\":\"once@example.com\",\"name\":\"Once\"}";
        String first = asAdmin().header("Idempotency-Key", key).body(body).post("/v1/customers").then()
                .statusCode(201).header("Idempotent-Replayed", nullValue()).extract().asString();
        String second = asAdmin().header("Idempotency-Key", key).body(body).post("/v1/customers").then()
                .statusCode(201).header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(first, second);
        asReader().queryParam("email", "once@example.com").get("/v1/customers").then().body("data", hasSize(1));
    }

    @Test
    void theSameKeyWithADifferentBodyIs409() {
        String key = UUID.randomUUID().toString();
        asAdmin().header("Idempotency-Key", key).body("{\"billing_email\":\"k1@example.com\"}").post("/v1/customers")
                .then().statusCode(201);
        expectProblem(asAdmin().header("Idempotency-Key", key).body("{\"billing_email\":\"k2@example.com\"}")
                .post("/v1/customers").then(), 409, "idempotency_key_reused");
        asReader().queryParam("email", "k2@example.com").get("/v1/customers").then().body("data", hasSize(0));
    }

    @Test
    void keysBelongToOneTenant() {
        String key = UUID.randomUUID().toString();
        String body = "{\"billing_email\":\"shared@example.com\"}";
        String mine = asAdmin().header("Idempotency-Key", key).body(body).post("/v1/customers").then().statusCode(201)
                .extract().path("id");
        String theirs = given().auth().oauth2(TestTokens.admin("other-" + tenant)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/v1/customers").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        assertNotEquals(mine, theirs);
    }

    @Test
    void anOverlongKeyIs400() {
        expectProblem(asAdmin().header("Idempotency-Key", "k".repeat(256)).body("{\"billing_email\":\"a@b.co\"}")
                .post("/v1/customers").then(), 400, "invalid_idempotency_key");
    }
}
