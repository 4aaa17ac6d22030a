package dev.billforge.payment.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

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
class ProviderAccountResourceTest {

    private static final String PATH = "/v1/provider-accounts";
    private static final String PAYPAL_SECRET = "EPaYpAlClIeNtSeCrEt-0123456789abcdef";

    @Inject
    Pool database;

    private final String tenant = "accounts-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void secretsAreStoredSealedAndNeverAnswered() {
        String answer = asAdmin().body(Map.of("secret_key", PaymentFixtures.STRIPE_SECRET_KEY,
                "webhook_signing_secret", PaymentFixtures.STRIPE_SIGNING_SECRET)).put(PATH + "/stripe")
                .then().statusCode(200)
                .body("object", equalTo("provider_account"))
                .body("provider", equalTo("stripe"))
                .body("livemode", equalTo(false))
                .body("webhook_path", equalTo("/v1/webhooks/stripe/" + tenant))
                .extract().asString();
        assertFalse(answer.contains("sk_test") || answer.contains("whsec_"), answer);

        asAdmin().body(Map.of("client_id", "AbCdClientId", "client_secret", PAYPAL_SECRET, "webhook_id", "WH-1A2B3C",
                "mode", "sandbox")).put(PATH + "/paypal").then().statusCode(200).body("livemode", equalTo(false));

        String listed = given().auth().oauth2(TestTokens.reader(tenant)).get(PATH).then().statusCode(200)
                .body("data", hasSize(2)).body("data.provider", equalTo(java.util.List.of("paypal", "stripe")))
                .extract().asString();
        assertFalse(listed.contains(PAYPAL_SECRET) || listed.contains("sk_test") || listed.contains("whsec_"), listed);

        Row stored = database.preparedQuery("SELECT key_id, credentials FROM payment.provider_account WHERE tenant_id = $1"
                + " AND provider = 'stripe'").execute(Tuple.of(tenant)).await().indefinitely().iterator().next();
        assertEquals("test-2026-11", stored.getString("key_id"));
        assertFalse(stored.getString("credentials").contains("sk_test"), "sealed at rest");
    }

    @Test
    void aPutReplacesTheCredentialsAndADeleteForgetsThem() {
        PaymentFixtures.configureStripe(tenant);
        asAdmin().body(Map.of("secret_key", "sk_live_51RealLiveKey00000000", "webhook_signing_secret", "whsec_otherSigningSecret"))
                .put(PATH + "/stripe").then().statusCode(200).body("livemode", equalTo(true));
        given().auth().oauth2(TestTokens.reader(tenant)).get(PATH + "/stripe").then().statusCode(200)
                .body("livemode", equalTo(true));

        asAdmin().delete(PATH + "/stripe").then().statusCode(200).body("deleted", equalTo(true));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).get(PATH + "/stripe").then(), 404,
                "provider_account_not_found");
        // Without an account the tenant cannot attach Stripe payment methods any more.
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        expectProblem(asAdmin().body(Map.of("customer_id", customer.toString(), "provider", "stripe", "token",
                "pm_card_visa")).post("/v1/payment-methods").then(), 400, "provider_not_configured");
    }

    @Test
    void onlyBillingAdminsPutAndOtherTenantsSeeNothing() {
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body(Map.of("secret_key", PaymentFixtures.STRIPE_SECRET_KEY, "webhook_signing_secret",
                        PaymentFixtures.STRIPE_SIGNING_SECRET))
                .put(PATH + "/stripe").then(), 403, "forbidden");
        PaymentFixtures.configureStripe(tenant);
        given().auth().oauth2(TestTokens.reader("other-" + UUID.randomUUID())).get(PATH).then().statusCode(200)
                .body("data", hasSize(0));
    }

    /** Found by the fuzz test (ApiContractTest): a NUL in the provider name reached Postgres and answered 500. */
    @Test
    void aNulCharacterInTheProviderNameIs400() {
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).urlEncodingEnabled(false)
                .get(PATH + "/%00").then(), 400, "bad_request");
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).urlEncodingEnabled(false)
                .delete(PATH + "/stripe%00").then(), 400, "bad_request");
    }

    @Test
    void malformedCredentialsAre400WithoutEchoingThem() {
        String answer = expectProblem(asAdmin().body(Map.of("secret_key", "pk_test_publishableKeyByMistake",
                "webhook_signing_secret", PaymentFixtures.STRIPE_SIGNING_SECRET)).put(PATH + "/stripe").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("secret_key")).extract().asString();
        assertFalse(answer.contains("publishableKeyByMistake"), answer);
        expectProblem(asAdmin().body(Map.of("client_id", "x", "client_secret", "y", "webhook_id", "z", "mode",
                "production")).put(PATH + "/paypal").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("mode"));
    }

    @Test
    void aProviderNeedingNoCredentialsOrNotOfferedIs400AndBodiesAreCheckedLikeAnyOther() {
        expectProblem(asAdmin().body(Map.of()).put(PATH + "/simulator").then(), 400, "provider_needs_no_credentials");
        expectProblem(asAdmin().body(Map.of("api_key", "x")).put(PATH + "/acme").then(), 400,
                "provider_not_available");
        expectProblem(asAdmin().body("{\"secret_key\": ").put(PATH + "/stripe").then(), 400, "malformed_json");
        expectProblem(asAdmin().body("[1]").put(PATH + "/stripe").then(), 400, "malformed_json");
        expectProblem(asAdmin().body(Map.of("secret_key", PaymentFixtures.STRIPE_SECRET_KEY, "webhook_signing_secret",
                PaymentFixtures.STRIPE_SIGNING_SECRET, "publishable_key", "pk_test_x")).put(PATH + "/stripe").then(),
                400, "validation_failed").body("errors[0].code", equalTo("unknown_field"))
                .body("errors[0].field", equalTo("publishable_key"));
        expectProblem(asAdmin().body(Map.of("client_id", "AbCdClientId")).put(PATH + "/paypal").then(), 400,
                "validation_failed").body("errors.field", hasItems("client_secret", "mode", "webhook_id"));
    }
}
