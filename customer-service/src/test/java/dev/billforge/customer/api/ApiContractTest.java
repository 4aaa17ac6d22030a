package dev.billforge.customer.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

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
}
