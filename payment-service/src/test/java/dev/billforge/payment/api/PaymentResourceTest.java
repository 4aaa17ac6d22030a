package dev.billforge.payment.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;
import dev.billforge.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class PaymentResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    private static final String PATH = "/v1/payments";

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asReader() {
        return given().auth().oauth2(TestTokens.reader(tenant));
    }

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status))
                .body("code", equalTo(code)).body("type", equalTo("https://docs.billforge.dev/errors/" + code))
                .body("title", notNullValue());
    }

    /** Has invoicing-service finalize an invoice for {@code customer}, waits for its settled payment, returns its id. */
    private String paymentFor(String tenantId, UUID customer, long amount) {
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, amount, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenantId, invoice));
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> settled = given().auth().oauth2(TestTokens.reader(tenantId))
                    .queryParam("invoice_id", invoice.id().toString()).get(PATH).then().statusCode(200)
                    .extract().path("data.findAll { it.status != 'processing' }.id");
            return settled.isEmpty() ? null : settled.get(0);
        }, id -> id != null);
    }

    /** A customer without payment methods: its invoices fail at once with no_payment_method. */
    private String failedPayment(UUID customer) {
        return paymentFor(tenant, customer, 500);
    }

    // --- read ---------------------------------------------------------------------------------------------------

    @Test
    void getShowsASucceededPayment() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        String method = PaymentFixtures.attach(tenant, customer, "tok_visa");
        InvoiceSnapshot invoice = PaymentFixtures.invoice(customer, 1999, 0);
        KafkaEvents.publish(PaymentFixtures.finalized(tenant, invoice));
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> asReader()
                .queryParam("invoice_id", invoice.id().toString()).queryParam("status", "succeeded").get(PATH).then()
                .extract().<List<String>> path("data.id"), ids -> ids.size() == 1).get(0);

        asReader().get(PATH + "/" + id).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("object", equalTo("payment"))
                .body("invoice_id", equalTo(invoice.id().toString()))
                .body("subscription_id", equalTo(invoice.subscriptionId().toString()))
                .body("customer_id", equalTo(customer.toString()))
                .body("amount", equalTo(1999))
                .body("currency", equalTo("USD"))
                .body("status", equalTo("succeeded"))
                .body("provider", equalTo("simulator"))
                .body("provider_reference", startsWith("ch_sim_"))
                .body("payment_method_id", equalTo(method))
                .body("attempt", equalTo(1))
                .body("failure_code", nullValue())
                .body("failure_message", nullValue())
                .body("created_at", matchesPattern(ISO_UTC))
                .body("updated_at", matchesPattern(ISO_UTC));
    }

    @Test
    void getShowsAFailedPayment() {
        UUID customer = UUID.randomUUID();
        String id = failedPayment(customer);
        asReader().get(PATH + "/" + id).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("no_payment_method"))
                .body("failure_message", notNullValue())
                .body("payment_method_id", nullValue())
                .body("provider_reference", nullValue())
                .body("customer_id", equalTo(customer.toString()));
    }

    @Test
    void unknownMalformedAndForeignIdsAreAllNotFound() {
        String foreign = paymentFor("other-" + tenant, UUID.randomUUID(), 700);
        for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid", foreign }) {
            expectProblem(asReader().get(PATH + "/" + id).then(), 404, "payment_not_found");
        }
        given().auth().oauth2(TestTokens.reader("other-" + tenant)).get(PATH + "/" + foreign).then().statusCode(200);
    }

    // --- list ---------------------------------------------------------------------------------------------------

    @Test
    void listPaginatesNewestFirstWithACursor() {
        UUID customer = UUID.randomUUID();
        String first = failedPayment(customer);
        String second = failedPayment(customer);
        String third = failedPayment(customer);

        asReader().queryParam("limit", 2).get(PATH).then().statusCode(200)
                .body("data.id", contains(third, second)).body("has_more", equalTo(true));
        asReader().queryParam("limit", 2).queryParam("starting_after", second).get(PATH).then().statusCode(200)
                .body("data.id", contains(first)).body("has_more", equalTo(false));
    }

    @Test
    void listFiltersByInvoiceCustomerAndStatus() {
        UUID customer = UUID.randomUUID();
        String mine = failedPayment(customer);
        String someoneElses = failedPayment(UUID.randomUUID());
        String invoiceId = asReader().get(PATH + "/" + mine).then().extract().path("invoice_id");

        asReader().queryParam("customer_id", customer.toString()).get(PATH).then().statusCode(200)
                .body("data.id", contains(mine));
        asReader().queryParam("invoice_id", invoiceId).get(PATH).then().statusCode(200).body("data.id", contains(mine));
        asReader().queryParam("status", "failed").get(PATH).then().statusCode(200)
                .body("data.id", contains(someoneElses, mine));
        asReader().queryParam("status", "succeeded").get(PATH).then().statusCode(200).body("data", hasSize(0));
        asReader().queryParam("status", "failed").queryParam("customer_id", customer.toString())
                .queryParam("invoice_id", invoiceId).get(PATH).then().statusCode(200).body("data.id", contains(mine));
    }

    @Test
    void listRejectsBadParameters() {
        expectProblem(asReader().queryParam("status", "paid").get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("status")).body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("invoice_id", "nope").get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("invoice_id")).body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("customer_id", "nope").get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("customer_id")).body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("limit", 101).get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("limit"));
        expectProblem(asReader().queryParam("starting_after", "nope").get(PATH).then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("starting_after"));
        expectProblem(asReader().queryParam("starting_after", UUID.randomUUID()).get(PATH).then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
    }

    // --- authentication and roles -------------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAre401() {
        expectProblem(given().get(PATH).then(), 401, "unauthenticated");
        expectProblem(given().get(PATH + "/" + UUID.randomUUID()).then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.forged(tenant, TestTokens.ADMIN)).get(PATH).then(), 401,
                "unauthenticated");
    }

    @Test
    void adminsAndReadersMayReadOtherRolesMayNot() {
        given().auth().oauth2(TestTokens.admin(tenant)).get(PATH).then().statusCode(200);
        asReader().get(PATH).then().statusCode(200).body("data", hasSize(0));
        expectProblem(given().auth().oauth2(TestTokens.token(tenant, "some-other-role")).get(PATH).then(), 403,
                "forbidden");
        expectProblem(given().auth().oauth2(TestTokens.withoutTenant(TestTokens.ADMIN)).get(PATH).then(), 403,
                "tenant_missing");
    }

    @Test
    void paymentsCannotBeWrittenThroughTheApi() {
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON).body("{}").post(PATH).then()
                .statusCode(405).contentType(PROBLEM_JSON);
    }
}
