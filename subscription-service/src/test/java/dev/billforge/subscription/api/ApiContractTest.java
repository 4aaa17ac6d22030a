package dev.billforge.subscription.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.openapi.ApiContractTestBase;
import dev.billforge.testsupport.openapi.ApiDescription;
import dev.billforge.testsupport.openapi.TenantIsolationCheck;

/** Generated from the service's OpenAPI document: every operation is tenant-isolated and survives bad input. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ApiContractTest extends ApiContractTestBase {

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void anotherTenantsIdsAreNotFoundEverywhere() {
        UUID customer = CustomerAnnouncements.announce(tenant, "ada@example.com");
        String plan = asAdmin().body(PlanResourceTest.MONTHLY).post("/v1/plans").then().statusCode(201)
                .extract().path("id");
        String subscription = asAdmin().body(Map.of("customer_id", customer.toString(), "plan_id", plan))
                .post("/v1/subscriptions").then().statusCode(201).extract().path("id");

        new TenantIsolationCheck(ApiDescription.ofRunningService(), tenant)
                .record("customers", customer)
                .record("plans", plan)
                .record("subscriptions", subscription)
                .run().forEach(System.out::println);
        // Nothing the other tenant sent changed tenant A's subscription.
        asAdmin().get("/v1/subscriptions/" + subscription).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("incomplete"));
    }
}
