package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.billforge.testsupport.PdfText;

/**
 * Invoices a tenant acts on, through the ingress, with every service running: a one-off invoice taxed, finalized,
 * sent, paid when asked and downloaded as a PDF; an open invoice voided; a downgrade's credit previewed on the upcoming
 * invoice and applied to the renewal the test clock brings; revenue recognised across two months of renewals.
 */
class InvoiceActionsSystemTest extends SystemTestBase {

    private String customerWithCard(String token, Map<String, Object> details) {
        String customer = post("/v1/customers", details);
        post("/v1/payment-methods", Map.of("customer_id", customer, "provider", "simulator", "token", token));
        return customer;
    }

    private JsonPath invoice(String id) {
        return get("/v1/invoices/" + id);
    }

    private JsonPath awaitInvoice(String id, String field, Object value) {
        return Awaitility.await("invoice " + id + " " + field + "=" + value).atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(200)).until(() -> invoice(id), json -> value.equals(json.get(field)));
    }

    @Test
    void aOneOffInvoiceSentToTheCustomerIsTaxedFinalizedAndPaidWhenAskedAndPrintsAsAPdf() {
        as(tenant).body(Map.of("seller_name", "Acme GmbH", "seller_tax_id", "DE123456789",
                "seller_address", Map.of("line1", "Torstrasse 1", "postal_code", "10119", "city", "Berlin",
                        "country", "DE"))).put("/v1/invoice-settings").then().statusCode(200);
        post("/v1/tax-rates", Map.of("display_name", "USt.", "country", "DE", "percentage", 19));
        String customer = customerWithCard("tok_visa", Map.of("billing_email", "one-off@example.com",
                "name", "Ada Lovelace", "tax_country", "DE", "address", Map.of("line1", "12 Analytical Row",
                        "postal_code", "N1 9GU", "city", "London", "country", "GB")));

        String id = post("/v1/invoices", Map.of("customer_id", customer, "currency", "EUR",
                "collection_method", "send_invoice", "days_until_due", 14));
        as(tenant).body(Map.of("description", "Onboarding workshop", "unit_amount", 10000))
                .post("/v1/invoices/" + id + "/lines").then().statusCode(201);
        JsonPath open = as(tenant).post("/v1/invoices/" + id + "/finalize").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("open", open.getString("status"));
        assertTrue(open.getString("number").matches("INV-\\d{6}"));
        assertEquals(List.of(10000, 1900, 11900), List.of(open.getInt("subtotal"), open.getInt("tax"),
                open.getInt("total")));
        assertEquals(Instant.parse(open.getString("finalized_at")).atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .plusDays(14).toString(), open.getString("due_date"));

        // Sent, not charged: the customer pays when asked.
        as(tenant).post("/v1/invoices/" + id + "/pay").then().statusCode(202);
        awaitInvoice(id, "status", "paid");
        JsonPath payments = get("/v1/payments?invoice_id=" + id);
        assertEquals(1, payments.getList("data").size(), "one attempt: the one asked for");
        assertEquals(11900, payments.getInt("data[0].amount"));
        assertEquals("succeeded", payments.getString("data[0].status"));

        // The PDF, downloaded through the ingress and read back.
        byte[] pdf = as(tenant).get("/v1/invoices/" + id + "/pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text = PdfText.of(pdf);
        for (String expected : List.of(open.getString("number"), "PAID", "Acme GmbH", "DE123456789", "10119 Berlin",
                "Ada Lovelace", "12 Analytical Row", "United Kingdom", "Onboarding workshop", "USt. 19%", "€100.00",
                "€19.00", "€119.00")) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + "; it reads:\n" + text);
        }
    }

    @Test
    void revenueIsRecognisedDayByDayAcrossTwoMonthsOfPaidRenewals() {
        String plan = post("/v1/plans", Map.of("name", "Monthly", "amount", 3000, "currency", "USD",
                "interval", "month"));
        String customer = customerWithCard("tok_visa", Map.of("billing_email", "revenue@example.com"));
        String subscription = post("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", plan));
        awaitOne("/v1/invoices?subscription_id=" + subscription, "status", "paid");
        JsonPath first = get("/v1/subscriptions/" + subscription);
        Instant start = Instant.parse(first.getString("current_period_start"));
        Instant end = Instant.parse(first.getString("current_period_end"));

        // The renewal, a month later on the test clock, is paid too: two periods of revenue.
        moveClockTo(end.plus(Duration.ofMinutes(1)));
        Awaitility.await("the renewal paid").atMost(FLOW_DEADLINE)
                .until(() -> get("/v1/invoices?subscription_id=" + subscription + "&status=paid").getList("data")
                        .size() == 2);

        YearMonth firstMonth = YearMonth.from(start.atZone(ZoneOffset.UTC));
        JsonPath summary = get("/v1/revenue/summary?currency=usd&from=" + firstMonth + "&to="
                + firstMonth.plusMonths(1));
        assertEquals(List.of(firstMonth.toString(), firstMonth.plusMonths(1).toString()),
                summary.getList("months.month"));
        // Straight-line by day: the first month recognises the first period's days in it, rounded once.
        LocalDate startDay = start.atZone(ZoneOffset.UTC).toLocalDate();
        long periodDays = ChronoUnit.DAYS.between(startDay, end.atZone(ZoneOffset.UTC).toLocalDate());
        long daysInFirstMonth = ChronoUnit.DAYS.between(startDay, firstMonth.plusMonths(1).atDay(1));
        long firstMonthRevenue = BigDecimal.valueOf(3000 * daysInFirstMonth)
                .divide(BigDecimal.valueOf(periodDays), 0, RoundingMode.HALF_UP).longValueExact();
        assertEquals(firstMonthRevenue, summary.getLong("months[0].recognized"));
        assertEquals(3000 - firstMonthRevenue, summary.getLong("months[0].deferred"),
                "the renewal was not paid yet when the first month ended");
        assertEquals(6000, summary.getLong("months[0].recognized") + summary.getLong("months[1].recognized")
                + summary.getLong("months[1].deferred"), "both periods, to the cent");

        JsonPath schedules = get("/v1/revenue/schedules?invoice_id="
                + get("/v1/invoices?subscription_id=" + subscription).getString("data[1].id"));
        assertEquals(3000, schedules.getLong("data[0].amount"));
        assertEquals(start.toString(), schedules.getString("data[0].entries[0].recognize_from"));
    }

    @Test
    void anOpenInvoiceWhoseCardIsDeclinedIsVoided() {
        String customer = customerWithCard("tok_chargeDeclined", Map.of("billing_email", "void@example.com"));
        String id = post("/v1/invoices", Map.of("customer_id", customer, "currency", "USD"));
        as(tenant).body(Map.of("description", "Setup", "unit_amount", 5000)).post("/v1/invoices/" + id + "/lines")
                .then().statusCode(201);
        as(tenant).post("/v1/invoices/" + id + "/finalize").then().statusCode(200);
        Awaitility.await("the declined charge on the invoice").atMost(FLOW_DEADLINE)
                .until(() -> invoice(id).getString("last_payment_error.code") != null);

        as(tenant).post("/v1/invoices/" + id + "/void").then().statusCode(200);
        assertEquals("void", invoice(id).getString("status"));
        as(tenant).post("/v1/invoices/" + id + "/pay").then().statusCode(409);
    }

    @Test
    void aDowngradesCreditShowsOnTheUpcomingInvoiceAndTheRenewalMatchesIt() {
        String gold = post("/v1/plans", Map.of("name", "Gold", "amount", 3000, "currency", "USD", "interval", "day",
                "interval_count", 30));
        String silver = post("/v1/plans", Map.of("name", "Silver", "amount", 1000, "currency", "USD",
                "interval", "day", "interval_count", 30));
        String customer = customerWithCard("tok_visa", Map.of("billing_email", "downgrade@example.com"));
        String subscription = post("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", gold));
        awaitOne("/v1/invoices?subscription_id=" + subscription, "status", "paid");

        Instant start = Instant.parse(get("/v1/subscriptions/" + subscription).getString("current_period_start"));
        moveClockTo(start.plus(Duration.ofDays(10)), List.of("subscription-service"));
        as(tenant).body(Map.of("plan_id", silver, "proration_behavior", "always_invoice"))
                .post("/v1/subscriptions/" + subscription + "/change-plan").then().statusCode(200);
        JsonPath downgrade = Awaitility.await("the downgrade's invoice").atMost(FLOW_DEADLINE)
                .until(() -> get("/v1/invoices?subscription_id=" + subscription),
                        json -> json.getList("data").size() == 2);
        long credit = downgrade.getLong("data[0].ending_balance");
        assertTrue(credit < 0, "a downgrade's negative total is the customer's credit: " + credit);
        Awaitility.await("the balance on the customer").atMost(FLOW_DEADLINE).until(() -> get("/v1/customers/"
                + customer + "/balance").getList("balances.balance"), List.of((int) credit)::equals);

        JsonPath upcoming = Awaitility.await("the preview with the credit").atMost(FLOW_DEADLINE)
                .until(() -> get("/v1/invoices/upcoming?subscription_id=" + subscription),
                        json -> json.getLong("starting_balance") == credit);
        assertEquals(List.of(1000), upcoming.getList("lines.amount"), "Silver's next period");
        assertEquals(Math.max(0, 1000 + credit), upcoming.getLong("amount_due"));

        Instant periodEnd = Instant.parse(get("/v1/subscriptions/" + subscription).getString("current_period_end"));
        moveClockTo(periodEnd.plus(Duration.ofMinutes(1)));
        JsonPath invoices = Awaitility.await("the renewal").atMost(FLOW_DEADLINE)
                .until(() -> get("/v1/invoices?subscription_id=" + subscription),
                        json -> json.getList("data").size() == 3);
        for (String field : List.of("lines.description", "lines.amount", "period_start", "period_end", "subtotal",
                "tax", "total", "starting_balance", "ending_balance", "amount_due")) {
            assertEquals((Object) upcoming.get(field), invoices.get("data[0]." + field), field + " as previewed");
        }
    }
}
