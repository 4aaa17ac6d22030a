package dev.billforge.invoicing.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.billforge.events.Topics;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * Revenue schedules and summaries as the API shows them, from invoices paid and refunded through payment-service's
 * events. The exact day-by-day figures are {@code RevenueScheduleTest}'s; these tests hold whatever today's date is.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class RevenueResourceTest {

    private final String tenant = "revenue-" + UUID.randomUUID();

    /** A 4200 EUR subscription invoice (Nov 25 to Dec 25, 2026), paid, then 1500 of it refunded. */
    private String paidAndPartlyRefunded() {
        UUID customer = CustomerAnnouncements.announce(tenant, "revenue@example.com");
        String invoice = Billing.invoiceFor(tenant, customer, 4200);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, invoice, 4200, 1));
        Billing.awaitInvoiceField(tenant, invoice, "status", "paid");
        KafkaEvents.publish(Billing.paymentRefunded(tenant, invoice, 4200, 1500));
        Billing.awaitInvoiceField(tenant, invoice, "amount_refunded", 1500);
        return invoice;
    }

    private JsonPath schedules(String asTenant, String invoice) {
        return given().auth().oauth2(TestTokens.reader(asTenant)).queryParam("invoice_id", invoice)
                .get("/v1/revenue/schedules").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath summary(String asTenant, String from, String to) {
        return given().auth().oauth2(TestTokens.reader(asTenant)).queryParam("from", from).queryParam("to", to)
                .queryParam("currency", "eur").get("/v1/revenue/summary").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPaidLineHasAScheduleThatTheCreditNoteReverses() {
        String invoice = paidAndPartlyRefunded();

        JsonPath schedule = schedules(tenant, invoice);

        assertEquals(1, schedule.getList("data").size(), "one schedule per paid line");
        assertEquals("revenue_schedule", schedule.getString("data[0].object"));
        assertEquals(1, schedule.getInt("data[0].line_number"));
        assertEquals(2700, schedule.getLong("data[0].amount"), "4200 paid less 1500 credited");
        assertEquals(2700, schedule.getLong("data[0].recognized_to_date") + schedule.getLong("data[0].deferred"));
        List<Map<String, Object>> entries = schedule.getList("data[0].entries");
        assertEquals("charge", entries.get(0).get("kind"));
        assertEquals(4200, ((Number) entries.get(0).get("amount")).longValue());
        assertEquals("2026-11-25T10:00:00Z", entries.get(0).get("recognize_from"));
        assertEquals("2026-12-25T10:00:00Z", entries.get(0).get("recognize_until"));
        assertEquals(-1500, entries.stream().skip(1).mapToLong(entry -> ((Number) entry.get("amount")).longValue())
                .sum(), "the credit note's reversals");
        assertTrue(entries.stream().skip(1).allMatch(entry -> entry.get("credit_note_id") != null));
        List<Integer> months = schedule.getList("data[0].months.recognized");
        assertEquals(2700, months.stream().mapToLong(Integer::longValue).sum(), "its months add up to it");
    }

    @Test
    void theSummaryAddsUpTheMonthsAndNothingIsLeftDeferredOnceThePeriodHasEnded() {
        paidAndPartlyRefunded();
        String to = YearMonth.now(ZoneOffset.UTC).plusMonths(2).toString();

        JsonPath summary = summary(tenant, "2026-10", to);

        assertEquals("revenue_summary", summary.getString("object"));
        assertEquals("EUR", summary.getString("currency"));
        assertEquals("2026-10", summary.getString("months[0].month"));
        assertEquals(0, summary.getLong("months[0].recognized"), "nothing before the period");
        assertEquals(2700, summary.getLong("recognized"));
        List<Integer> deferred = summary.getList("months.deferred");
        assertEquals(0, deferred.get(deferred.size() - 1));
    }

    @Test
    void aPaymentOrRefundReportedTwiceBooksItsRevenueOnce() {
        UUID customer = CustomerAnnouncements.announce(tenant, "twice@example.com");
        String invoice = Billing.invoiceFor(tenant, customer, 4200);
        var paid = Billing.paymentSucceeded(tenant, invoice, 4200, 1);
        KafkaEvents.publish(paid);
        KafkaEvents.publish(paid); // redelivered
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, invoice, 4200, 2)); // a second capture of a paid invoice
        Billing.awaitInvoiceField(tenant, invoice, "status", "paid");
        var refunded = Billing.paymentRefunded(tenant, invoice, 4200, 1000);
        KafkaEvents.publish(refunded);
        KafkaEvents.publish(refunded);
        Billing.awaitInvoiceField(tenant, invoice, "amount_refunded", 1000);
        KafkaEvents.awaitConsumed("invoicing-service", Topics.PAYMENT_SUCCEEDED, Billing.DEADLINE);
        KafkaEvents.awaitConsumed("invoicing-service", Topics.PAYMENT_REFUNDED, Billing.DEADLINE);

        JsonPath schedule = schedules(tenant, invoice);

        List<Map<String, Object>> entries = schedule.getList("data[0].entries");
        assertEquals(1, entries.stream().filter(entry -> "charge".equals(entry.get("kind"))).count());
        assertEquals(3200, schedule.getLong("data[0].amount"), "4200 once, less 1000 once");
    }

    @Test
    void aRefundOfAPartialPaymentIsTakenOffWhenTheInvoiceIsPaid() {
        UUID customer = CustomerAnnouncements.announce(tenant, "partial@example.com");
        String invoice = Billing.invoiceFor(tenant, customer, 4200);
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, invoice, 2000, 1));
        Billing.awaitInvoiceField(tenant, invoice, "amount_paid", 2000);
        KafkaEvents.publish(Billing.paymentRefunded(tenant, invoice, 2000, 500));
        Billing.awaitInvoiceField(tenant, invoice, "amount_refunded", 500);
        assertTrue(schedules(tenant, invoice).getList("data").isEmpty(), "no revenue while the invoice is open");

        KafkaEvents.publish(Billing.paymentSucceeded(tenant, invoice, 2200, 2));
        Billing.awaitInvoiceField(tenant, invoice, "status", "paid");

        assertEquals(3700, schedules(tenant, invoice).getLong("data[0].amount"), "4200 less the 500 credited");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        String invoice = paidAndPartlyRefunded();
        String intruder = "intruder-" + UUID.randomUUID();

        given().auth().oauth2(TestTokens.reader(intruder)).queryParam("invoice_id", invoice)
                .get("/v1/revenue/schedules").then().statusCode(200).body("data", empty());
        assertEquals(0, summary(intruder, "2026-11", "2027-01").getLong("recognized"));
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/revenue/schedules").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("invoice_id"))
                .body("errors[0].code", equalTo("required"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("from", "2026-13")
                .queryParam("to", "2027-01").queryParam("currency", "EUR").get("/v1/revenue/summary").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("from"))
                .body("errors[0].code", equalTo("invalid_format"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("from", "+999999999-01")
                .queryParam("to", "+999999999-02").queryParam("currency", "EUR").get("/v1/revenue/summary").then(),
                400, "validation_failed").body("errors[0].field", equalTo("from"))
                .body("errors[0].code", equalTo("out_of_range"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("from", "2027-02")
                .queryParam("to", "2027-01").queryParam("currency", "EUR").get("/v1/revenue/summary").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("to"))
                .body("errors[0].code", equalTo("out_of_range"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("from", "2017-01")
                .queryParam("to", "2027-01").queryParam("currency", "EUR").get("/v1/revenue/summary").then(), 400,
                "validation_failed").body("errors[0].code", equalTo("out_of_range"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("from", "2027-01")
                .queryParam("to", "2027-01").queryParam("currency", "EURO").get("/v1/revenue/summary").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("currency"))
                .body("errors[0].code", equalTo("invalid_currency"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).queryParam("from", "2027-01")
                .queryParam("to", "2027-01").get("/v1/revenue/summary").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("currency")).body("errors[0].code", equalTo("required"));
    }
}
