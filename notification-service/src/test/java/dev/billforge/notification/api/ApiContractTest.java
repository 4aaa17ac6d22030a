package dev.billforge.notification.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.notification.BillingEvents;
import dev.billforge.notification.NotificationsApi;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.mail.SmtpTestResource;
import dev.billforge.testsupport.openapi.ApiContractTestBase;
import dev.billforge.testsupport.openapi.ApiDescription;
import dev.billforge.testsupport.openapi.TenantIsolationCheck;

/** Generated from the service's OpenAPI document: every operation is tenant-isolated and survives bad input. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class ApiContractTest extends ApiContractTestBase {

    @Test
    void anotherTenantsIdsAreNotFoundEverywhere() {
        UUID customer = BillingEvents.customerCreated(tenant, "ada@example.com");
        String endpoint = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hooks", "event_types", List.of("payment.succeeded")))
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().path("id");
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, 990, "USD", "ch_contract"));
        String notification = (String) NotificationsApi.awaitOnly(tenant, customer, any -> true).get("id");
        String delivery = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(TestTokens.reader(tenant))
                        .get("/v1/webhook-endpoints/" + endpoint + "/deliveries").then().statusCode(200).extract()
                        .<String>path("data[0].id"), id -> id != null);

        new TenantIsolationCheck(ApiDescription.ofRunningService(), tenant)
                .record("customers", customer)
                .record("notifications", notification)
                .record("webhook-endpoints", endpoint)
                .record("deliveries", delivery)
                .run().forEach(System.out::println);
        // Nothing the other tenant sent deleted tenant A's endpoint.
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/webhook-endpoints/" + endpoint).then()
                .statusCode(200);
    }
}
