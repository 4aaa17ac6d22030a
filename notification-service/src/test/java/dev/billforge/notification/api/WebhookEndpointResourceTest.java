package dev.billforge.notification.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.mail.SmtpTestResource;

/** Managing webhook endpoints: a secret shown once and sealed, known event types only, no internal addresses. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class WebhookEndpointResourceTest {

    private static final String PATH = "/v1/webhook-endpoints";

    @Inject
    Pool database;

    private final String tenant = "hooks-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void theSigningSecretIsShownOnceAndSealedAtRest() {
        String secret = asAdmin().body(Map.of("url", "http://127.0.0.1:9/hooks", "event_types",
                List.of("payment.succeeded", "invoice.paid"), "description", "ERP sync")).post(PATH).then()
                .statusCode(201).body("object", equalTo("webhook_endpoint"))
                .body("event_types", equalTo(List.of("payment.succeeded", "invoice.paid")))
                .body("secret", startsWith("whsec_")).extract().path("secret");
        String id = given().auth().oauth2(TestTokens.reader(tenant)).get(PATH).then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].secret", nullValue()).extract().path("data[0].id");
        given().auth().oauth2(TestTokens.reader(tenant)).get(PATH + "/" + id).then().statusCode(200)
                .body("secret", nullValue()).body("description", equalTo("ERP sync"));

        String stored = database.preparedQuery("SELECT signing_secret FROM notification.webhook_endpoint WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next()
                .getString("signing_secret");
        assertFalse(stored.contains(secret.substring(6)), "sealed at rest");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameEndpointAndSecretAndMakesNoSecond() {
        String key = "endpoint-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/hooks", "event_types", List.of("*"));
        String first = asAdmin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().asString();
        String again = asAdmin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(first, again);
        given().auth().oauth2(TestTokens.reader(tenant)).get(PATH).then().body("data", hasSize(1));
        expectProblem(asAdmin().header("Idempotency-Key", key).body(Map.of("url", "http://127.0.0.1:9/other",
                "event_types", List.of("*"))).post(PATH).then(), 409, "idempotency_key_reused");
        String stored = database.preparedQuery("SELECT response_body FROM notification.idempotency_key"
                + " WHERE tenant_id = $1").execute(Tuple.of(tenant)).await().indefinitely().iterator().next()
                .getString(0);
        assertFalse(stored.contains("whsec_"), "the stored answer holds the secret sealed");
    }

    @Test
    void onlyPublishedEventTypesAndPublicAddressesAreAccepted() {
        expectProblem(asAdmin().body(Map.of("url", "http://127.0.0.1:9/", "event_types", List.of("payment.stolen")))
                .post(PATH).then(), 400, "validation_failed");
        for (String internal : List.of("http://10.0.0.5/hooks", "https://192.168.1.20/", "http://169.254.169.254/latest",
                "https://172.16.0.1/", "https://100.64.0.1/", "ftp://127.0.0.1/", "not a url")) {
            expectProblem(asAdmin().body(Map.of("url", internal, "event_types", List.of("*"))).post(PATH).then(), 400,
                    "validation_failed");
        }
        given().auth().oauth2(TestTokens.reader(tenant)).get(PATH).then().body("data", hasSize(0));
    }

    @Test
    void aDeletedEndpointIsGoneButOnlyAnAdminDeletes() {
        String id = asAdmin().body(Map.of("url", "http://127.0.0.1:9/", "event_types", List.of("*"))).post(PATH)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.reader(tenant)).delete(PATH + "/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.reader(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/", "event_types", List.of("*"))).post(PATH).then()
                .statusCode(403);
        asAdmin().delete(PATH + "/" + id).then().statusCode(200).body("deleted", equalTo(true));
        expectProblem(asAdmin().get(PATH + "/" + id).then(), 404, "webhook_endpoint_not_found");
        expectProblem(given().auth().oauth2(TestTokens.admin("other-" + tenant)).get(PATH + "/" + id + "/deliveries")
                .then(), 404, "webhook_endpoint_not_found");
    }
}
