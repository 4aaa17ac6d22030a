package dev.billforge.notification.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import dev.billforge.events.EventEnvelope;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.notification.BillingEvents;
import dev.billforge.notification.NotificationsApi;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.mail.SmtpTestResource;

/** The read API over notifications, which the tests create the only way there is: by publishing billing events. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationResourceTest {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    /** Each test works in its own tenant, so tests never see each other's notifications. */
    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification asReader() {
        return given().auth().oauth2(TestTokens.reader(tenant));
    }

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant));
    }

    /** Publishes an invoice.finalized for the customer and returns the notification once it is recorded. */
    private static String notifyInvoice(String tenant, UUID customer) {
        KafkaEvents.publish(BillingEvents.invoiceFinalized(tenant, customer, "INV-" + UUID.randomUUID(), 1999, "USD"));
        return (String) NotificationsApi.awaitOnly(tenant, customer, n -> true).get("id");
    }

    /** Waits until the tenant has {@code count} notifications and returns their ids as listed (newest first). */
    private List<String> awaitAll(int count) {
        return org.awaitility.Awaitility.await().atMost(NotificationsApi.DEADLINE)
                .until(() -> asReader().queryParam("limit", 100).get("/v1/notifications").then().statusCode(200)
                        .extract().<List<String>> path("data.id"), ids -> ids.size() == count);
    }

    // --- get --------------------------------------------------------------------------------------------------

    @Test
    void getShowsTheNotificationInSnakeCase() {
        UUID customer = BillingEvents.customerCreated(tenant, "ada@example.com");
        EventEnvelope<InvoiceFinalized> event = BillingEvents.invoiceFinalized(tenant, customer, "INV-000001", 1999,
                "USD");
        KafkaEvents.publish(event);
        String id = (String) NotificationsApi.awaitSent(tenant, customer).get("id");

        asReader().get("/v1/notifications/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("object", equalTo("notification"))
                .body("customer_id", equalTo(customer.toString()))
                .body("type", equalTo("invoice_finalized"))
                .body("channel", equalTo("email"))
                .body("recipient", equalTo("ada@example.com"))
                .body("subject", equalTo("Your invoice INV-000001 for $19.99 is due on 2026-11-25"))
                .body("body", notNullValue())
                .body("status", equalTo("sent"))
                .body("invoice_id", equalTo(event.data().invoice().id().toString()))
                .body("payment_id", nullValue())
                .body("subscription_id", equalTo(event.data().invoice().subscriptionId().toString()))
                .body("event_id", equalTo(event.id()))
                .body("created_at", matchesPattern(ISO_UTC))
                .body("sent_at", matchesPattern(ISO_UTC));
    }

    @Test
    void getAnswersWhatTheListAnswers() {
        String id = notifyInvoice(tenant, BillingEvents.newCustomerId());
        Map<String, Object> listed = asReader().get("/v1/notifications").then().statusCode(200).extract()
                .path("data[0]");
        Map<String, Object> read = asAdmin().get("/v1/notifications/" + id).then().statusCode(200).extract().path("");
        assertEquals(listed, read);
    }

    @Test
    void unknownMalformedAndForeignIdsAreAllNotFound() {
        String otherTenant = "other-" + tenant;
        String foreign = notifyInvoice(otherTenant, BillingEvents.newCustomerId());
        for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid", foreign }) {
            expectProblem(asReader().get("/v1/notifications/" + id).then(), 404, "notification_not_found");
        }
        given().auth().oauth2(TestTokens.reader(otherTenant)).get("/v1/notifications/" + foreign).then()
                .statusCode(200);
    }

    // --- list -------------------------------------------------------------------------------------------------

    @Test
    void listPaginatesNewestFirstWithACursor() {
        for (int i = 0; i < 3; i++) {
            notifyInvoice(tenant, BillingEvents.newCustomerId());
        }
        List<String> all = awaitAll(3);
        List<String> createdAt = asReader().get("/v1/notifications").then().extract().path("data.created_at");
        List<Instant> times = new ArrayList<>(createdAt.stream().map(Instant::parse).toList());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!times.get(i).isAfter(times.get(i - 1)), "newest first: " + createdAt);
        }

        asReader().queryParam("limit", 2).get("/v1/notifications").then().statusCode(200)
                .body("data.id", contains(all.get(0), all.get(1))).body("has_more", equalTo(true));
        asReader().queryParam("limit", 2).queryParam("starting_after", all.get(1)).get("/v1/notifications").then()
                .statusCode(200).body("data.id", contains(all.get(2))).body("has_more", equalTo(false));
        asReader().get("/v1/notifications").then().statusCode(200).body("data", hasSize(3))
                .body("has_more", equalTo(false));
    }

    @Test
    void listFiltersByCustomerAndType() {
        UUID ada = BillingEvents.newCustomerId();
        UUID bob = BillingEvents.newCustomerId();
        KafkaEvents.publish(BillingEvents.invoiceFinalized(tenant, ada, "INV-A", 1000, "USD"));
        KafkaEvents.publish(BillingEvents.paymentFailed(tenant, ada, 1000, "USD", "card_declined", "Declined.", null));
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, bob, 1000, "USD", "pi_bob"));
        awaitAll(3);

        asReader().queryParam("customer_id", ada).get("/v1/notifications").then().statusCode(200)
                .body("data", hasSize(2)).body("data.customer_id", contains(ada.toString(), ada.toString()));
        asReader().queryParam("type", "payment_receipt").get("/v1/notifications").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].customer_id", equalTo(bob.toString()));
        asReader().queryParam("customer_id", ada).queryParam("type", "payment_failed").get("/v1/notifications")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].type", equalTo("payment_failed"));
        asReader().queryParam("customer_id", bob).queryParam("type", "invoice_finalized").get("/v1/notifications")
                .then().statusCode(200).body("data", hasSize(0));
        asReader().queryParam("type", "subscription_canceled").get("/v1/notifications").then().statusCode(200)
                .body("data", hasSize(0)).body("has_more", equalTo(false));
    }

    @Test
    void listRejectsBadFiltersAndPagingParameters() {
        expectProblem(asReader().queryParam("type", "invoice_paid").get("/v1/notifications").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("type"))
                .body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("customer_id", "cus_123").get("/v1/notifications").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("customer_id"))
                .body("errors[0].code", equalTo("invalid_value"));
        expectProblem(asReader().queryParam("limit", 0).get("/v1/notifications").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("limit"));
        expectProblem(asReader().queryParam("starting_after", "nope").get("/v1/notifications").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("starting_after"));
    }

    @Test
    void aCursorMustBeOneOfTheTenantsNotifications() {
        expectProblem(asReader().queryParam("starting_after", UUID.randomUUID()).get("/v1/notifications").then(),
                400, "validation_failed").body("errors[0].field", equalTo("starting_after"))
                .body("errors[0].code", equalTo("invalid_cursor"));
        String foreign = notifyInvoice("other-" + tenant, BillingEvents.newCustomerId());
        expectProblem(asReader().queryParam("starting_after", foreign).get("/v1/notifications").then(), 400,
                "validation_failed").body("errors[0].code", equalTo("invalid_cursor"));
    }

    // --- authentication and roles -----------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAre401() {
        expectProblem(given().get("/v1/notifications").then(), 401, "unauthenticated");
        expectProblem(given().get("/v1/notifications/" + UUID.randomUUID()).then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.forged(tenant, TestTokens.READ)).get("/v1/notifications")
                .then(), 401, "unauthenticated");
        expectProblem(given().auth().oauth2(TestTokens.expired(tenant, TestTokens.READ)).get("/v1/notifications")
                .then(), 401, "unauthenticated");
    }

    @Test
    void readersAndAdminsCanReadOtherRolesCannot() {
        asReader().get("/v1/notifications").then().statusCode(200).body("data", hasSize(0));
        asAdmin().get("/v1/notifications").then().statusCode(200).body("data", hasSize(0));
        expectProblem(given().auth().oauth2(TestTokens.token(tenant, "some-other-role")).get("/v1/notifications")
                .then(), 403, "forbidden");
        expectProblem(given().auth().oauth2(TestTokens.withoutTenant(TestTokens.READ)).get("/v1/notifications")
                .then(), 403, "tenant_missing");
    }

    @Test
    void notificationsCannotBeWrittenThroughTheApi() {
        asAdmin().contentType("application/json").body("{}").post("/v1/notifications").then().statusCode(405);
    }
}
