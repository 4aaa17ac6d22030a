package dev.billforge.invoicing.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** Invoices are made by subscription events (published here as subscription-service would) and read back. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InvoiceResourceTest {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    /** Each test works in its own tenant, so tests never see each other's invoices. */
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant));
    }

    private RequestSpecification asReader() {
        return given().auth().oauth2(TestTokens.reader(tenant));
    }

    private String invoice(long amount) {
        return Billing.invoiceFor(tenant, customer, amount);
    }

    // --- get --------------------------------------------------------------------------------------------------

    @Test
    void getShowsTheInvoiceWithItsLinesInSnakeCase() {
        SubscriptionSnapshot subscription = Billing.subscription(customer, "active", 4900, "USD");
        String id = Billing.invoiceFor(tenant, subscription);

        asReader().get("/v1/invoices/" + id).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("object", equalTo("invoice"))
                .body("number", matchesPattern("INV-\\d{6}"))
                .body("customer_id", equalTo(customer.toString()))
                .body("subscription_id", equalTo(subscription.id().toString()))
                .body("status", equalTo("open"))
                .body("currency", equalTo("USD"))
                .body("amount_due", equalTo(4900))
                .body("amount_paid", equalTo(0))
                .body("amount_remaining", equalTo(4900))
                .body("attempt_count", equalTo(0))
                .body("due_date", matchesPattern("\\d{4}-\\d{2}-\\d{2}"))
                .body("period_start", equalTo("2026-11-25T10:00:00Z"))
                .body("period_end", equalTo("2026-12-25T10:00:00Z"))
                .body("lines", hasSize(1))
                .body("lines[0].description", equalTo(Billing.LINE_DESCRIPTION))
                .body("lines[0].quantity", equalTo(1))
                .body("lines[0].unit_amount", equalTo(4900))
                .body("lines[0].amount", equalTo(4900))
                .body("lines[0].period_start", equalTo("2026-11-25T10:00:00Z"))
                .body("lines[0].period_end", equalTo("2026-12-25T10:00:00Z"))
                .body("lines[0].proration", equalTo(false))
                .body("last_payment_error", nullValue())
                .body("next_payment_attempt", nullValue())
                .body("finalized_at", matchesPattern(ISO_UTC))
                .body("paid_at", nullValue())
                .body("metadata.size()", equalTo(0))
                .body("created_at", matchesPattern(ISO_UTC));
    }

    @Test
    void adminsAndReadersSeeTheSameInvoice() {
        String id = invoice(100);
        String asReader = asReader().get("/v1/invoices/" + id).then().statusCode(200).extract().asString();
        String asAdmin = asAdmin().get("/v1/invoices/" + id).then().statusCode(200).extract().asString();
        assertEquals(asReader, asAdmin);
    }

    @Test
    void unknownMalformedAndForeignIdsAreAllNotFound() {
        String foreign = Billing.invoiceFor("other-" + tenant, customer, 100);
        for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid", foreign }) {
            expectProblem(asReader().get("/v1/invoices/" + id).then(), 404, "invoice_not_found");
        }
    }

    // --- list -------------------------------------------------------------------------------------------------

    @Test
    void listPaginatesNewestFirstWithACursorAndIncludesLines() {
        String first = invoice(100);
        String second = invoice(200);
        String third = invoice(300);

        asReader().queryParam("limit", 2).get("/v1/invoices").then().statusCode(200)
                .body("data.id", contains(third, second)).body("has_more", equalTo(true))
                .body("data[0].lines[0].amount", equalTo(300)).body("data[1].lines", hasSize(1));
        asReader().queryParam("limit", 2).queryParam("starting_after", second).get("/v1/invoices").then()
                .statusCode(200).body("data.id", contains(first)).body("has_more", equalTo(false))
                .body("data[0].lines[0].amount", equalTo(100));
        asReader().get("/v1/invoices").then().statusCode(200).body("data", hasSize(3)).body("has_more", equalTo(false))
                .body("data.number", contains("INV-000003", "INV-000002", "INV-000001"));
    }

    @Test
    void listFiltersByCustomerSubscriptionAndStatus() {
        UUID otherCustomer = UUID.randomUUID();
        String mine = invoice(100);
        SubscriptionSnapshot subscription = Billing.subscription(otherCustomer, 250);
        String theirs = Billing.invoiceFor(tenant, subscription);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, theirs, 250, 1));
        Billing.awaitInvoiceField(tenant, theirs, "status", "paid");

        asReader().queryParam("customer_id", customer).get("/v1/invoices").then().statusCode(200)
                .body("data.id", contains(mine));
        asReader().queryParam("customer_id", otherCustomer).get("/v1/invoices").then().body("data.id", contains(theirs));
        asReader().queryParam("subscription_id", subscription.id()).get("/v1/invoices").then()
                .body("data.id", contains(theirs));
        asReader().queryParam("status", "open").get("/v1/invoices").then().body("data.id", contains(mine));
        asReader().queryParam("status", "paid").get("/v1/invoices").then().body("data.id", contains(theirs));
        asReader().queryParam("status", "void").get("/v1/invoices").then().body("data", hasSize(0));
        asReader().queryParam("customer_id", customer).queryParam("status", "paid").get("/v1/invoices").then()
                .body("data", hasSize(0));
        asReader().queryParam("customer_id", UUID.randomUUID()).get("/v1/invoices").then().body("data", hasSize(0));
        asReader().get("/v1/invoices").then().body("data.id", containsInAnyOrder(mine, theirs));
    }

    @Test
    void severalSubscriptionsInvoicesAndTheLatestOfEachAreOneRequest() {
        SubscriptionSnapshot renewed = Billing.subscription(customer, 100);
        String firstOfRenewed = Billing.invoiceFor(tenant, renewed);
        KafkaEvents.publish(Billing.subscriptionRenewed(tenant, renewed, "subscription_cycle", Billing.PERIOD_END,
                Billing.NEXT_PERIOD_END));
        String renewal = await().atMost(Billing.DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> Billing.invoiceIdsOf(tenant, renewed.id()), ids -> ids.size() == 2).get(0);
        SubscriptionSnapshot other = Billing.subscription(customer, 200);
        String ofOther = Billing.invoiceFor(tenant, other);
        String unrelated = invoice(300);
        UUID foreign = Billing.subscription(customer, 100).id();
        Billing.invoiceFor("other-" + tenant, Billing.subscription(customer, 100));

        asReader().queryParam("subscription_id", renewed.id(), other.id()).get("/v1/invoices").then().statusCode(200)
                .body("data.id", contains(ofOther, renewal, firstOfRenewed));
        asReader().queryParam("subscription_id", renewed.id(), other.id(), foreign, UUID.randomUUID())
                .get("/v1/invoices/latest").then().statusCode(200)
                .body("data.id", contains(ofOther, renewal)).body("has_more", equalTo(false))
                .body("data[1].lines", hasSize(1));
        asReader().queryParam("customer_id", customer, UUID.randomUUID()).get("/v1/invoices").then()
                .body("data.id", contains(unrelated, ofOther, renewal, firstOfRenewed));
        asReader().queryParam("id", unrelated, firstOfRenewed, UUID.randomUUID()).get("/v1/invoices").then()
                .body("data.id", contains(unrelated, firstOfRenewed));
        expectProblem(asReader().get("/v1/invoices/latest").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("subscription_id")).body("errors[0].code", equalTo("required"));
        expectProblem(asReader().queryParam("subscription_id", "nope").get("/v1/invoices/latest").then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_value"));
    }

    @Test
    void listShowsOnlyTheTenantsOwnInvoices() {
        String mine = invoice(100);
        Billing.invoiceFor("other-" + tenant, customer, 100);
        asReader().get("/v1/invoices").then().statusCode(200).body("data.id", contains(mine));
        asReader().queryParam("customer_id", customer).get("/v1/invoices").then().body("data.id", contains(mine));
    }

    @Test
    void listRejectsMalformedFilters() {
        expectProblem(asReader().queryParam("customer_id", "cus_123").get("/v1/invoices").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("customer_id"))
                .body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("subscription_id", "nope").get("/v1/invoices").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("subscription_id"))
                .body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("status", "settled").get("/v1/invoices").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("status")).body("errors[0].code", equalTo("invalid_value"))
                .body("errors[0].message", containsString("open"));
        expectProblem(asReader().queryParam("status", "OPEN").get("/v1/invoices").then(), 400, "validation_failed");
    }

    @Test
    void listRejectsBadPagingParameters() {
        String foreign = Billing.invoiceFor("other-" + tenant, customer, 100);
        expectProblem(asReader().queryParam("limit", 0).get("/v1/invoices").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("limit"));
        expectProblem(asReader().queryParam("limit", 101).get("/v1/invoices").then(), 400, "validation_failed");
        expectProblem(asReader().queryParam("starting_after", "nope").get("/v1/invoices").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("starting_after"));
        expectProblem(asReader().queryParam("starting_after", UUID.randomUUID()).get("/v1/invoices").then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
        expectProblem(asReader().queryParam("starting_after", foreign).get("/v1/invoices").then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
    }

    // --- authentication, roles, method ------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAre401() {
        String id = invoice(100);
        expectProblem(given().get("/v1/invoices").then(), 401, "unauthenticated");
        expectProblem(given().get("/v1/invoices/" + id).then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.forged(tenant, TestTokens.READ)).get("/v1/invoices/" + id)
                .then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.expired(tenant, TestTokens.READ)).get("/v1/invoices").then(),
                401, "unauthenticated");
    }

    @Test
    void tokensWithoutABillingRoleOrTenantAreForbidden() {
        String id = invoice(100);
        expectProblem(given().auth().oauth2(TestTokens.token(tenant, "some-other-role")).get("/v1/invoices/" + id)
                .then(), 403, "forbidden");
        expectProblem(given().auth().oauth2(TestTokens.token(tenant, "some-other-role")).get("/v1/invoices").then(),
                403, "forbidden");
        expectProblem(given().auth().oauth2(TestTokens.withoutTenant(TestTokens.READ)).get("/v1/invoices").then(),
                403, "tenant_missing");
    }

    @Test
    void aReaderCannotChangeInvoicesAndNobodyEditsOneInPlace() {
        String id = invoice(100);
        expectProblem(asReader().contentType(ContentType.JSON).body("{}").post("/v1/invoices").then(), 403,
                "forbidden");
        expectProblem(asReader().post("/v1/invoices/" + id + "/void").then(), 403, "forbidden");
        expectProblem(asReader().delete("/v1/invoices/" + id).then(), 403, "forbidden");
        expectProblem(asAdmin().contentType(ContentType.JSON).body("{}").put("/v1/invoices/" + id).then(), 405,
                "method_not_allowed");
        assertEquals("open", JsonPath.from(asReader().get("/v1/invoices/" + id).asString()).getString("status"));
    }

    @Test
    void theBillRunCountsTheMonthsRenewalInvoicesOfThisTenantOnly() {
        // two subscriptions' invoices, both of a period from 2026-11-25, open
        Billing.invoiceFor(tenant, Billing.subscription(customer, "active", 4900, "USD"));
        invoice(700);

        asReader().queryParam("month", "2026-11").get("/v1/bill-run").then().statusCode(200)
                .body("object", equalTo("bill_run")).body("month", equalTo("2026-11"))
                .body("renewed", equalTo(2)).body("awaiting_payment", equalTo(2)).body("paid", equalTo(0))
                .body("failed", equalTo(0)).body("closed", equalTo(0));
        asReader().queryParam("month", "2026-10").get("/v1/bill-run").then().statusCode(200)
                .body("renewed", equalTo(0));
        given().auth().oauth2(TestTokens.reader("other-" + tenant)).queryParam("month", "2026-11")
                .get("/v1/bill-run").then().statusCode(200).body("renewed", equalTo(0));
        asReader().get("/v1/bill-run").then().statusCode(200).body("month", matchesPattern("\\d{4}-\\d{2}"));
        expectProblem(asReader().queryParam("month", "2026-13").get("/v1/bill-run").then(), 400,
                "validation_failed");
    }
}
