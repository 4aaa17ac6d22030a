package dev.billforge.payment.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.payment.PaymentFixtures;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.openapi.ApiContractTestBase;
import dev.billforge.testsupport.openapi.ApiDescription;
import dev.billforge.testsupport.openapi.TenantIsolationCheck;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;

/** Generated from the service's OpenAPI document: every operation is tenant-isolated and survives bad input. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class ApiContractTest extends ApiContractTestBase {

    @Test
    void anotherTenantsIdsAreNotFoundEverywhere() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        Map<String, Object> payment = PaymentFixtures.settledPayment(tenant, customer, "simulator", "tok_visa", 990,
                "succeeded");
        String paymentMethod = (String) payment.get("payment_method_id");
        String refund = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("amount", 100)).post("/v1/payments/" + payment.get("id") + "/refunds").then()
                .statusCode(201).extract().path("id");

        new TenantIsolationCheck(ApiDescription.ofRunningService(), tenant)
                .record("customers", customer)
                .record("payments", payment.get("id"))
                .record("invoices", payment.get("invoice_id"))
                .record("payment-methods", paymentMethod)
                .record("refunds", refund)
                .isolatedOtherwise("/v1/provider-accounts", "named by provider within the token's tenant")
                .isolatedOtherwise("/v1/webhooks/", "providers' deliveries: the URL names the tenant, and only a"
                        + " signature by that tenant's provider account is accepted (ProviderWebhookResourceTest)")
                .run().forEach(System.out::println);
        // Nothing the other tenant sent changed tenant A's payment method.
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/payment-methods/" + paymentMethod).then()
                .statusCode(200);
    }
}
