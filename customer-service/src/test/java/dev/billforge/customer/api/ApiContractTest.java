package dev.billforge.customer.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.chassis.problem.ErrorCode;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.openapi.ApiDescription;
import dev.billforge.testsupport.openapi.ApiFuzzer;
import dev.billforge.testsupport.openapi.TenantIsolationCheck;

/** Generated from the service's OpenAPI document: every operation is tenant-isolated and survives bad input. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ApiContractTest {

    private final String tenant = "contract-" + UUID.randomUUID();

    @Test
    void anotherTenantsIdsAreNotFoundEverywhere() {
        String email = "isolated-" + UUID.randomUUID() + "@example.com";
        String customer = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("billing_email", email, "name", "Ada")).post("/v1/customers").then().statusCode(201)
                .extract().path("id");

        new TenantIsolationCheck(ApiDescription.ofRunningService(), tenant)
                .record("customers", customer)
                .filterValue("email", email)
                .run().forEach(System.out::println);
    }

    @Test
    void malformedRequestsGetProblemsNeverA5xx() {
        Map<Integer, Integer> statuses = new ApiFuzzer(ApiDescription.ofRunningService(), ErrorCode.wireNames(),
                tenant).run(2000);
        System.out.println("fuzzed customer-service, answers by status: " + statuses);
    }
}
