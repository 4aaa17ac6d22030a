package dev.billforge.invoicing.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.billforge.events.Topics;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * One-off invoices through the API (draft, lines, finalize, delete) and what a tenant does to a finalized invoice (pay
 * now, void, mark uncollectible), each wrong state answered 409 with its code.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InvoiceActionsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant = "actions-" + UUID.randomUUID();
    private final UUID customer = CustomerAnnouncements.announce(tenant, "ada@example.com");

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/json");
    }

    /** A new draft; waits for the just-announced customer to reach invoicing's directory. */
    private String draft(Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customer_id", customer.toString(),
                "currency", "eur"));
        body.putAll(fields);
        return Awaitility.await().atMost(Billing.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> asAdmin().body(body).post("/v1/invoices"), answer -> answer.statusCode() == 201)
                .then().extract().path("id");
    }

    private JsonPath addLine(String invoice, Map<String, Object> line) {
        return asAdmin().body(line).post("/v1/invoices/" + invoice + "/lines").then().statusCode(201).extract()
                .jsonPath();
    }

    private JsonPath post(String invoice, String action, int status) {
        return asAdmin().post("/v1/invoices/" + invoice + "/" + action).then().statusCode(status).extract().jsonPath();
    }

    private String finalizedInvoice(long amount) {
        String id = draft(Map.of());
        addLine(id, Map.of("description", "Setup fee", "unit_amount", amount));
        post(id, "finalize", 200);
        return id;
    }

    // --- drafts -------------------------------------------------------------------------------------------------

    @Test
    void aDraftIsMadeForAKnownCustomerAndShowsHowItIsCollected() {
        String id = draft(Map.of("description", "Consulting, November", "metadata", Map.of("po", "4711")));

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + id).then().statusCode(200)
                .body("status", equalTo("draft"))
                .body("number", nullValue())
                .body("customer_id", equalTo(customer.toString()))
                .body("subscription_id", nullValue())
                .body("currency", equalTo("EUR"))
                .body("collection_method", equalTo("charge_automatically"))
                .body("days_until_due", nullValue())
                .body("description", equalTo("Consulting, November"))
                .body("metadata.po", equalTo("4711"))
                .body("total", equalTo(0))
                .body("amount_due", equalTo(0))
                .body("lines", hasSize(0));
    }

    @Test
    void aDraftNeedsAKnownCustomerAnIsoCurrencyAndDaysUntilDueExactlyWithSendInvoice() {
        expectProblem(asAdmin().body(Map.of("customer_id", UUID.randomUUID().toString(), "currency", "USD"))
                .post("/v1/invoices").then(), 404, "customer_not_found");
        expectProblem(asAdmin().body(Map.of("customer_id", customer.toString(), "currency", "XYZ"))
                .post("/v1/invoices").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("currency")).body("errors[0].code", equalTo("invalid_currency"));
        expectProblem(asAdmin().body(Map.of("customer_id", customer.toString(), "currency", "USD",
                "collection_method", "send_invoice")).post("/v1/invoices").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("days_until_due")).body("errors[0].code", equalTo("required"));
        expectProblem(asAdmin().body(Map.of("customer_id", customer.toString(), "currency", "USD",
                "days_until_due", 30)).post("/v1/invoices").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("days_until_due"));
        expectProblem(asAdmin().body(Map.of("customer_id", customer.toString(), "currency", "USD",
                "collection_method", "barter")).post("/v1/invoices").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("collection_method"));
    }

    @Test
    void linesAddUpExactlyAndAOneOffLineBillsNoPeriod() {
        String id = draft(Map.of());
        addLine(id, Map.of("description", "Setup fee", "unit_amount", 15000));
        JsonPath invoice = addLine(id, Map.of("description", "Seats", "quantity", 3, "unit_amount", 1999,
                "period_start", "2026-12-01T00:00:00Z", "period_end", "2027-01-01T00:00:00Z"));

        assertEquals(15000 + 3 * 1999, invoice.getLong("total"));
        assertEquals(invoice.getLong("total"), invoice.getLong("amount_due"));
        assertEquals("Setup fee", invoice.getString("lines[0].description"));
        assertEquals(1, invoice.getInt("lines[0].quantity"));
        assertEquals(invoice.getString("lines[0].period_start"), invoice.getString("lines[0].period_end"),
                "a one-off line starts and ends when it was added");
        assertEquals(5997, invoice.getLong("lines[1].amount"));
        assertEquals("2026-12-01T00:00:00Z", invoice.getString("lines[1].period_start"));
        assertEquals("2027-01-01T00:00:00Z", invoice.getString("lines[1].period_end"));
    }

    @Test
    void aLineIsCheckedBeforeItIsAdded() {
        String id = draft(Map.of());
        expectProblem(asAdmin().body(Map.of("description", "Refund", "unit_amount", -100))
                .post("/v1/invoices/" + id + "/lines").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("unit_amount"));
        expectProblem(asAdmin().body(Map.of("description", "Half a period", "unit_amount", 100,
                "period_start", "2026-12-01T00:00:00Z")).post("/v1/invoices/" + id + "/lines").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("period_end"));
        expectProblem(asAdmin().body(Map.of("description", "Backwards", "unit_amount", 100,
                "period_start", "2026-12-01T00:00:00Z", "period_end", "2026-11-01T00:00:00Z"))
                .post("/v1/invoices/" + id + "/lines").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("period_end"));
        expectProblem(asAdmin().body(Map.of("unit_amount", 100)).post("/v1/invoices/" + id + "/lines").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("description"));
        expectProblem(asAdmin().body(Map.of("description", "Line", "unit_amount", 100))
                .post("/v1/invoices/" + UUID.randomUUID() + "/lines").then(), 404, "invoice_not_found");

        // 1,000,000 units of 999,999,999,999 is more than one invoice may bill
        expectProblem(asAdmin().body(Map.of("description", "Everything", "quantity", 1_000_000,
                "unit_amount", 999_999_999_999L)).post("/v1/invoices/" + id + "/lines").then(), 400,
                "invoice_total_too_large");
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + id).then()
                .body("lines", hasSize(0)).body("total", equalTo(0));
    }

    @Test
    void aDraftIsDeletedButAFinalizedInvoiceIsNot() {
        String id = draft(Map.of());
        asAdmin().delete("/v1/invoices/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("object", equalTo("invoice")).body("deleted", equalTo(true));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + id).then(), 404,
                "invoice_not_found");

        String finalized = finalizedInvoice(900);
        expectProblem(asAdmin().delete("/v1/invoices/" + finalized).then(), 409, "invoice_not_draft");
    }

    // --- finalize -----------------------------------------------------------------------------------------------

    @Test
    void finalizingNumbersTheInvoiceSetsItsDueDateAndAnnouncesHowToCollectIt() throws Exception {
        String id = draft(Map.of("collection_method", "send_invoice", "days_until_due", 30));
        addLine(id, Map.of("description", "Audit", "quantity", 2, "unit_amount", 125050));

        JsonPath open = post(id, "finalize", 200);
        assertEquals("open", open.getString("status"));
        assertTrue(open.getString("number").matches("INV-\\d{6}"), open.getString("number"));
        LocalDate finalizedOn = LocalDate.ofInstant(java.time.Instant.parse(open.getString("finalized_at")),
                ZoneOffset.UTC);
        assertEquals(finalizedOn.plusDays(30).toString(), open.getString("due_date"));
        assertEquals(250100, open.getLong("amount_due"));

        JsonNode invoice = only(Topics.INVOICE_FINALIZED, id).get("data").get("invoice");
        assertEquals("send_invoice", invoice.get("collection_method").asText());
        assertEquals(250100, invoice.get("amount_remaining").asLong());
        assertTrue(invoice.get("subscription_id").isNull());

        expectProblem(asAdmin().post("/v1/invoices/" + id + "/finalize").then(), 409, "invoice_not_draft");
        expectProblem(asAdmin().body(Map.of("description", "Late", "unit_amount", 1))
                .post("/v1/invoices/" + id + "/lines").then(), 409, "invoice_not_draft");
    }

    @Test
    void anEmptyDraftIsNotFinalized() {
        String id = draft(Map.of());
        expectProblem(asAdmin().post("/v1/invoices/" + id + "/finalize").then(), 409, "invoice_has_no_lines");
    }

    @Test
    void aRetriedFinalizeIsAnsweredAsTheFirstAndTakesOneNumber() {
        String id = draft(Map.of());
        addLine(id, Map.of("description", "Setup fee", "unit_amount", 5000));
        String key = UUID.randomUUID().toString();
        String first = asAdmin().header("Idempotency-Key", key).post("/v1/invoices/" + id + "/finalize").then()
                .statusCode(200).extract().path("number");
        String again = asAdmin().header("Idempotency-Key", key).post("/v1/invoices/" + id + "/finalize").then()
                .statusCode(200).extract().path("number");
        assertEquals(first, again);
    }

    // --- pay, void, mark uncollectible ---------------------------------------------------------------------------

    @Test
    void payingNowAsksPaymentServiceForANewAttemptWithTheNamedPaymentMethod() throws Exception {
        String id = finalizedInvoice(4200);
        UUID method = UUID.randomUUID();

        asAdmin().body(Map.of("payment_method_id", method.toString())).post("/v1/invoices/" + id + "/pay").then()
                .statusCode(202).body("id", equalTo(id)).body("status", equalTo("open"));

        JsonNode requested = only(Topics.INVOICE_PAYMENT_REQUESTED, id).get("data");
        assertEquals(method.toString(), requested.get("payment_method_id").asText());
        assertEquals(4200, requested.get("invoice").get("amount_remaining").asLong());
        assertTrue(requested.hasNonNull("requested_at"));
    }

    @Test
    void onlyAnInvoiceWithSomethingLeftToPayCanBePaid() {
        String draft = draft(Map.of());
        expectProblem(asAdmin().post("/v1/invoices/" + draft + "/pay").then(), 409, "invoice_not_payable");

        String paid = finalizedInvoice(4200);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, paid, 4200, 1));
        Billing.awaitInvoiceField(tenant, paid, "status", "paid");
        expectProblem(asAdmin().post("/v1/invoices/" + paid + "/pay").then(), 409, "invoice_not_payable");

        expectProblem(asAdmin().body(Map.of("payment_method_id", "card_1")).post("/v1/invoices/" + paid + "/pay")
                .then(), 404, "payment_method_not_found");
    }

    @Test
    void anOpenInvoiceIsVoidedOnceAndAnnounced() throws Exception {
        String id = finalizedInvoice(3100);

        post(id, "void", 200);
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + id).then()
                .body("status", equalTo("void")).body("next_payment_attempt", nullValue());
        assertEquals("void", only(Topics.INVOICE_VOIDED, id).at("/data/invoice/status").asText());

        expectProblem(asAdmin().post("/v1/invoices/" + id + "/void").then(), 409, "invoice_not_open");
        expectProblem(asAdmin().post("/v1/invoices/" + id + "/mark-uncollectible").then(), 409, "invoice_not_open");
        expectProblem(asAdmin().post("/v1/invoices/" + id + "/pay").then(), 409, "invoice_not_payable");
    }

    @Test
    void anInvoiceWrittenOffCanStillBePaidButNotVoided() throws Exception {
        String id = finalizedInvoice(2500);

        post(id, "mark-uncollectible", 200);
        assertEquals("uncollectible", only(Topics.INVOICE_MARKED_UNCOLLECTIBLE, id).at("/data/invoice/status")
                .asText());
        expectProblem(asAdmin().post("/v1/invoices/" + id + "/void").then(), 409, "invoice_not_open");

        asAdmin().post("/v1/invoices/" + id + "/pay").then().statusCode(202);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 2500, 2));
        Billing.awaitInvoiceField(tenant, id, "status", "paid");
    }

    @Test
    void anInvoiceOfNothingIsPaidAsItIsFinalizedAndCannotBeVoided() {
        String draft = draft(Map.of());
        addLine(draft, Map.of("description", "Goodwill visit", "unit_amount", 0));
        assertEquals("paid", post(draft, "finalize", 200).getString("status"));
        expectProblem(asAdmin().post("/v1/invoices/" + draft + "/void").then(), 409, "invoice_not_open");
    }

    private static JsonNode only(String topic, String invoiceId) throws Exception {
        try (KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            List<KafkaTopicReader.Record> mine = reader.awaitKey(invoiceId, Billing.DEADLINE, Duration.ofMillis(500));
            assertEquals(1, mine.size(), "exactly one " + topic + " event for " + invoiceId);
            return JSON.readTree(mine.get(0).value());
        }
    }
}
