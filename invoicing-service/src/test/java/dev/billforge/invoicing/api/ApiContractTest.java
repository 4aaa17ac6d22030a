package dev.billforge.invoicing.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
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
        UUID customer = CustomerAnnouncements.announce(tenant, "contract@example.com");
        SubscriptionSnapshot subscription = Billing.subscription(customer, 4200);
        String invoice = Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, invoice, 4200, 1));
        Billing.awaitInvoiceField(tenant, invoice, "status", "paid");
        KafkaEvents.publish(Billing.paymentRefunded(tenant, invoice, 4200, 1500));
        Billing.awaitInvoiceField(tenant, invoice, "amount_refunded", 1500);
        String creditNote = given().auth().oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", invoice)
                .get("/v1/credit-notes").then().statusCode(200).extract().path("data[0].id");

        String taxRate = given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/json")
                .body(Map.of("display_name", "VAT", "country", "DE", "percentage", 19)).post("/v1/tax-rates").then()
                .statusCode(201).extract().path("id");

        new TenantIsolationCheck(ApiDescription.ofRunningService(), tenant)
                .record("customers", customer)
                .record("subscriptions", subscription.id())
                .record("invoices", invoice)
                .record("credit-notes", creditNote)
                .record("tax-rates", taxRate)
                .isolatedOtherwise("/v1/invoices/upcoming", "a preview, not a list: UpcomingInvoiceTest asks for another"
                        + " tenant's subscription and gets subscription_not_found")
                .run().forEach(System.out::println);
    }
}
