package dev.billforge.payment.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class PaymentMethodResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    private static final String PATH = "/v1/payment-methods";

    /** Each test works in its own tenant, so tests never see each other's payment methods. */
    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private RequestSpecification asReader() {
        return given().auth().oauth2(TestTokens.reader(tenant));
    }

    private static String body(Object customerId, String provider, String token) {
        return "{\"customer_id\":\"" + customerId + "\",\"provider\":\"" + provider + "\",\"token\":\"" + token + "\"}";
    }

    private UUID customer() {
        return PaymentFixtures.publishCustomer(tenant);
    }

    private String attach(UUID customer, String token) {
        return PaymentFixtures.attach(tenant, customer, token);
    }

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status))
                .body("code", equalTo(code)).body("type", equalTo("https://docs.billforge.dev/errors/" + code))
                .body("title", notNullValue());
    }

    // --- create -------------------------------------------------------------------------------------------------

    @Test
    void createReturnsTheMethodWithoutItsToken() {
        UUID customer = customer();
        asAdmin().body("{\"customer_id\":\"" + customer + "\",\"provider\":\"simulator\",\"token\":\"tok_visa\","
                + "\"metadata\":{\"source\":\"checkout\"}}").post(PATH).then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("object", equalTo("payment_method"))
                .body("customer_id", equalTo(customer.toString()))
                .body("provider", equalTo("simulator"))
                .body("card.brand", equalTo("visa"))
                .body("card.last4", equalTo("4242"))
                .body("default", equalTo(true))
                .body("metadata.source", equalTo("checkout"))
                .body("created_at", matchesPattern(ISO_UTC))
                .body("$", not(hasKey("token")))
                .body("$", not(hasKey("provider_token")));
    }

    @Test
    void eachTestTokenStandsForItsCard() {
        UUID customer = customer();
        String[][] cards = { { "tok_mastercard", "mastercard", "4444" }, { "tok_chargeDeclined", "visa", "0002" },
                { "tok_insufficientFunds", "visa", "9995" } };
        for (String[] card : cards) {
            asAdmin().body(body(customer, "simulator", card[0])).post(PATH).then().statusCode(201)
                    .body("card.brand", equalTo(card[1])).body("card.last4", equalTo(card[2]));
        }
    }

    @Test
    void aMethodCreatedRightAfterItsCustomerWaitsForTheCustomerEvent() {
        // No wait between publishing customer.created and using the customer: the directory catches up.
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        asAdmin().body(body(customer, "simulator", "tok_visa")).post(PATH).then().statusCode(201)
                .body("customer_id", equalTo(customer.toString()));
    }

    @Test
    void onlyTheFirstMethodOfACustomerBecomesTheDefault() {
        UUID customer = customer();
        String first = attach(customer, "tok_visa");
        String second = attach(customer, "tok_mastercard");
        String otherCustomers = attach(customer(), "tok_visa");
        asReader().get(PATH + "/" + first).then().statusCode(200).body("default", equalTo(true));
        asReader().get(PATH + "/" + second).then().statusCode(200).body("default", equalTo(false));
        asReader().get(PATH + "/" + otherCustomers).then().statusCode(200).body("default", equalTo(true));
    }

    @Test
    void unknownAndForeignCustomersAreNotFound() {
        expectProblem(asAdmin().body(body(UUID.randomUUID(), "simulator", "tok_visa")).post(PATH).then(), 404,
                "customer_not_found");
        // An id minted long ago cannot belong to a customer still on its way: answered without waiting.
        UUID old = new UUID(0x0000_0001_0000_7000L, 0x8000_0000_0000_0001L);
        expectProblem(asAdmin().body(body(old, "simulator", "tok_visa")).post(PATH).then(), 404, "customer_not_found");
        UUID foreign = PaymentFixtures.publishCustomer("other-" + tenant);
        PaymentFixtures.attach("other-" + tenant, foreign, "tok_visa"); // it exists, for its own tenant
        expectProblem(asAdmin().body(body(foreign, "simulator", "tok_visa")).post(PATH).then(), 404,
                "customer_not_found");
    }

    @Test
    void aCustomerNeverAnnouncedIsNotFoundAfterTheCatchUpWait() {
        UUID neverPublished = TimeOrderedIds.next();
        expectProblem(asAdmin().body(body(neverPublished, "simulator", "tok_visa")).post(PATH).then(), 404,
                "customer_not_found");
    }

    @Test
    void tokensTheProviderDoesNotKnowAreRejected() {
        UUID customer = customer();
        expectProblem(asAdmin().body(body(customer, "simulator", "tok_amex")).post(PATH).then(), 400,
                "invalid_payment_token");
        expectProblem(asAdmin().body(body(customer, "simulator", "pm_123")).post(PATH).then(), 400,
                "invalid_payment_token");
        asReader().queryParam("customer_id", customer.toString()).get(PATH).then().body("data", hasSize(0));
    }

    @Test
    void cardNumbersAreRejectedAndNeverEchoedOrStored() {
        UUID customer = customer();
        for (String pan : new String[] { "4242424242424242", "4242 4242 4242 4242", "5555-5555-5555-4444",
                "378282246310005" }) {
            String answer = expectProblem(asAdmin().body(body(customer, "simulator", pan)).post(PATH).then(), 400,
                    "card_data_not_accepted").extract().asString();
            assertFalse(answer.contains(pan.substring(pan.length() - 4)), answer);
            // Whatever the provider: the number is refused before anything else looks at it.
            expectProblem(asAdmin().body(body(customer, "stripe", pan)).post(PATH).then(), 400,
                    "card_data_not_accepted");
        }
        // Not only the token: any field of the request, here a metadata value.
        String answer = expectProblem(asAdmin().body("{\"customer_id\":\"" + customer + "\",\"provider\":\"simulator\","
                + "\"token\":\"tok_visa\",\"metadata\":{\"note\":\"card 4000 0566 5566 5556\"}}").post(PATH).then(),
                400, "card_data_not_accepted").body("errors[0].field", equalTo("metadata.note")).extract().asString();
        assertFalse(answer.contains("5556"), answer);
        asReader().queryParam("customer_id", customer.toString()).get(PATH).then().body("data", hasSize(0));
    }

    @Test
    void providersTheTenantHasNotConfiguredAreRefused() {
        UUID customer = customer();
        expectProblem(asAdmin().body(body(customer, "stripe", "tok_visa")).post(PATH).then(), 400,
                "provider_not_configured");
        expectProblem(asAdmin().body(body(customer, "paypal", "BA-123")).post(PATH).then(), 400,
                "provider_not_configured");
    }

    @Test
    void badInputIs400() {
        UUID customer = customer();
        expectProblem(asAdmin().body(body(customer, "Bit Coin", "tok_visa")).post(PATH).then(), 400,
                "validation_failed").body("errors[0].field", equalTo("provider"));
        expectProblem(asAdmin().body(body(customer, "bitcoin", "tok_visa")).post(PATH).then(), 400,
                "provider_not_available");
        expectProblem(asAdmin().body("{\"provider\":\"simulator\",\"token\":\"tok_visa\"}").post(PATH).then(), 400,
                "validation_failed").body("errors[0].field", equalTo("customer_id"));
        expectProblem(asAdmin().body("{\"customer_id\":\"" + customer + "\",\"provider\":\"simulator\"}").post(PATH)
                .then(), 400, "validation_failed").body("errors[0].field", equalTo("token"));
        expectProblem(asAdmin().body(body("not-a-uuid", "simulator", "tok_visa")).post(PATH).then(), 400,
                "validation_failed").body("errors[0].field", equalTo("customer_id"));
        expectProblem(asAdmin().body("{\"customer_id\":\"" + customer + "\",\"provider\":\"simulator\","
                + "\"token\":\"tok_visa\",\"card_number\":\"x\"}").post(PATH).then(), 400, "validation_failed")
                .body("errors[0].code", equalTo("unknown_field"));
        expectProblem(asAdmin().body("{\"customer_id\":\"" + customer + "\",\"provider\":\"simulator\","
                + "\"token\":\"tok_visa\",\"metadata\":{\"k\":null}}").post(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("metadata"));
        expectProblem(asAdmin().body("{\"customer_id\": ").post(PATH).then(), 400, "malformed_json");
        expectProblem(asAdmin().post(PATH).then(), 400, "validation_failed");
    }

    // --- read ---------------------------------------------------------------------------------------------------

    @Test
    void getReturnsWhatCreateReturned() {
        String created = asAdmin().body(body(customer(), "simulator", "tok_visa")).post(PATH).then().statusCode(201)
                .extract().asString();
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        assertEquals(created, asReader().get(PATH + "/" + id).then().statusCode(200).extract().asString());
    }

    @Test
    void unknownMalformedAndForeignIdsAreAllNotFound() {
        String foreign = PaymentFixtures.attach("other-" + tenant, PaymentFixtures.publishCustomer("other-" + tenant),
                "tok_visa");
        for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid", foreign }) {
            expectProblem(asReader().get(PATH + "/" + id).then(), 404, "payment_method_not_found");
            expectProblem(asAdmin().delete(PATH + "/" + id).then(), 404, "payment_method_not_found");
            expectProblem(asAdmin().post(PATH + "/" + id + "/default").then(), 404, "payment_method_not_found");
        }
        given().auth().oauth2(TestTokens.reader("other-" + tenant)).get(PATH + "/" + foreign).then().statusCode(200);
    }

    @Test
    void listPaginatesNewestFirstAndFiltersByCustomer() {
        UUID customer = customer();
        String first = attach(customer, "tok_visa");
        String second = attach(customer, "tok_mastercard");
        String third = attach(customer, "tok_chargeDeclined");
        String otherCustomers = attach(customer(), "tok_visa");

        asReader().queryParam("limit", 2).get(PATH).then().statusCode(200)
                .body("data.id", contains(otherCustomers, third)).body("has_more", equalTo(true));
        asReader().queryParam("limit", 2).queryParam("customer_id", customer.toString()).get(PATH).then()
                .statusCode(200).body("data.id", contains(third, second)).body("has_more", equalTo(true));
        asReader().queryParam("limit", 2).queryParam("customer_id", customer.toString())
                .queryParam("starting_after", second).get(PATH).then().statusCode(200)
                .body("data.id", contains(first)).body("has_more", equalTo(false));
        asReader().queryParam("customer_id", UUID.randomUUID().toString()).get(PATH).then().statusCode(200)
                .body("data", hasSize(0));
    }

    @Test
    void listRejectsBadParameters() {
        expectProblem(asReader().queryParam("limit", 0).get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("limit"));
        expectProblem(asReader().queryParam("starting_after", "nope").get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("starting_after"));
        expectProblem(asReader().queryParam("starting_after", UUID.randomUUID()).get(PATH).then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
        String foreign = PaymentFixtures.attach("other-" + tenant, PaymentFixtures.publishCustomer("other-" + tenant),
                "tok_visa");
        expectProblem(asReader().queryParam("starting_after", foreign).get(PATH).then(), 400, "validation_failed")
                .body("errors[0].code", equalTo("invalid_cursor"));
        expectProblem(asReader().queryParam("customer_id", "nope").get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("customer_id")).body("errors[0].code", equalTo("invalid_value"));
    }

    // --- default ------------------------------------------------------------------------------------------------

    @Test
    void settingTheDefaultMovesItAndKeepsExactlyOne() {
        UUID customer = customer();
        String first = attach(customer, "tok_visa");
        String second = attach(customer, "tok_mastercard");

        asAdmin().post(PATH + "/" + second + "/default").then().statusCode(200)
                .body("id", equalTo(second)).body("default", equalTo(true));
        asReader().get(PATH + "/" + first).then().body("default", equalTo(false));
        // Setting the default again changes nothing.
        asAdmin().post(PATH + "/" + second + "/default").then().statusCode(200).body("default", equalTo(true));
        asReader().queryParam("customer_id", customer.toString()).get(PATH).then()
                .body("data.default", containsInAnyOrder(true, false));
        asAdmin().post(PATH + "/" + first + "/default").then().statusCode(200).body("default", equalTo(true));
        asReader().get(PATH + "/" + second).then().body("default", equalTo(false));
    }

    // --- detach -------------------------------------------------------------------------------------------------

    @Test
    void detachingTheDefaultLeavesNoDefaultUntilOneIsSet() {
        UUID customer = customer();
        String first = attach(customer, "tok_visa");
        String second = attach(customer, "tok_mastercard");

        asAdmin().delete(PATH + "/" + first).then().statusCode(200)
                .body("id", equalTo(first)).body("object", equalTo("payment_method")).body("deleted", equalTo(true));
        expectProblem(asReader().get(PATH + "/" + first).then(), 404, "payment_method_not_found");
        expectProblem(asAdmin().delete(PATH + "/" + first).then(), 404, "payment_method_not_found");
        expectProblem(asAdmin().post(PATH + "/" + first + "/default").then(), 404, "payment_method_not_found");
        asReader().queryParam("customer_id", customer.toString()).get(PATH).then()
                .body("data.id", contains(second)).body("data[0].default", equalTo(false));

        asAdmin().post(PATH + "/" + second + "/default").then().statusCode(200).body("default", equalTo(true));
        // A method attached now is not the default: the customer has one again.
        String third = attach(customer, "tok_visa");
        asReader().get(PATH + "/" + third).then().body("default", equalTo(false));
    }

    @Test
    void aCustomerLeftWithoutADefaultGetsTheNextMethodAsDefault() {
        UUID customer = customer();
        String only = attach(customer, "tok_visa");
        asAdmin().delete(PATH + "/" + only).then().statusCode(200);
        asReader().get(PATH + "/" + attach(customer, "tok_mastercard")).then().body("default", equalTo(true));
    }

    // --- idempotency --------------------------------------------------------------------------------------------

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponse() {
        UUID customer = customer();
        String key = UUID.randomUUID().toString();
        String first = asAdmin().header("Idempotency-Key", key).body(body(customer, "simulator", "tok_visa"))
                .post(PATH).then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().asString();
        String second = asAdmin().header("Idempotency-Key", key).body(body(customer, "simulator", "tok_visa"))
                .post(PATH).then().statusCode(201).header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(first, second);
        asReader().queryParam("customer_id", customer.toString()).get(PATH).then().body("data", hasSize(1));
        expectProblem(asAdmin().header("Idempotency-Key", key).body(body(customer, "simulator", "tok_mastercard"))
                .post(PATH).then(), 409, "idempotency_key_reused");
    }

    @Test
    void makingADefaultTakesAnIdempotencyKeyLikeEveryPost() {
        UUID customer = customer();
        attach(customer, "tok_visa");
        String second = attach(customer, "tok_mastercard");
        String key = UUID.randomUUID().toString();
        asAdmin().header("Idempotency-Key", key).post(PATH + "/" + second + "/default").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("default", equalTo(true));
        asAdmin().header("Idempotency-Key", key).post(PATH + "/" + second + "/default").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(second));
        expectProblem(asAdmin().header("Idempotency-Key", "k".repeat(256)).post(PATH + "/" + second + "/default")
                .then(), 400, "invalid_idempotency_key");
    }

    // --- authentication and roles -------------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAre401() {
        expectProblem(given().get(PATH).then(), 401, "unauthenticated");
        expectProblem(given().get(PATH + "/" + UUID.randomUUID()).then(), 401, "unauthenticated");
        expectProblem(given().contentType(ContentType.JSON).body(body(UUID.randomUUID(), "simulator", "tok_visa"))
                .post(PATH).then(), 401, "unauthenticated");
        expectProblem(given().delete(PATH + "/" + UUID.randomUUID()).then(), 401, "unauthenticated");
        expectProblem(given().post(PATH + "/" + UUID.randomUUID() + "/default").then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.expired(tenant, TestTokens.ADMIN)).get(PATH).then(), 401,
                "unauthenticated");
    }

    @Test
    void readersCannotWrite() {
        UUID customer = customer();
        String id = attach(customer, "tok_visa");
        expectProblem(asReader().contentType(ContentType.JSON).body(body(customer, "simulator", "tok_visa"))
                .post(PATH).then(), 403, "forbidden");
        expectProblem(asReader().delete(PATH + "/" + id).then(), 403, "forbidden");
        expectProblem(asReader().post(PATH + "/" + id + "/default").then(), 403, "forbidden");
        asReader().get(PATH + "/" + id).then().statusCode(200).body("default", equalTo(true));
        expectProblem(given().auth().oauth2(TestTokens.token(tenant, "some-other-role")).get(PATH).then(), 403,
                "forbidden");
    }
}
