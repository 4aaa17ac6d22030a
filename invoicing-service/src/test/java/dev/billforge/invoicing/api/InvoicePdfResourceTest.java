package dev.billforge.invoicing.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.billforge.events.customer.PostalAddress;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PdfText;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * Invoice settings and the invoice PDF: the seller, customer, number, dates, lines, tax and totals, read back from
 * the PDF's text; what it prints about seller and customer is fixed when the invoice is finalized.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InvoicePdfResourceTest {

    private final String tenant = "pdf-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/json");
    }

    private void sellerIs(String name) {
        asAdmin().body(Map.of("seller_name", name, "seller_email", "billing@acme.example",
                "seller_tax_id", "DE123456789", "seller_address", Map.of("line1", "Torstrasse 1", "city", "Berlin",
                        "postal_code", "10119", "country", "DE"),
                "footer", "IBAN DE89 3704 0044 0532 0130 00")).put("/v1/invoice-settings").then().statusCode(200);
    }

    /** A draft for {@code customer} once invoicing has heard of them; lines of {@code amounts} EUR, finalized. */
    private String finalizedFor(UUID customer, boolean finalize, long... amounts) {
        String id = Awaitility.await().atMost(Billing.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> asAdmin().body(Map.of("customer_id", customer.toString(), "currency", "EUR",
                        "collection_method", "send_invoice", "days_until_due", 14)).post("/v1/invoices"),
                        answer -> answer.statusCode() == 201)
                .then().extract().path("id");
        int n = 1;
        for (long amount : amounts) {
            asAdmin().body(Map.of("description", "Workshop day " + n++, "quantity", 2, "unit_amount", amount))
                    .post("/v1/invoices/" + id + "/lines").then().statusCode(201);
        }
        if (finalize) {
            asAdmin().post("/v1/invoices/" + id + "/finalize").then().statusCode(200);
        }
        return id;
    }

    private static String text(Response pdf) {
        assertEquals("application/pdf", pdf.contentType());
        return PdfText.of(pdf.asByteArray());
    }

    @Test
    void theInvoicePrintsSellerCustomerNumberLinesTaxAndTotals() {
        sellerIs("Acme GmbH");
        asAdmin().body(Map.of("display_name", "VAT", "country", "DE", "percentage", 19)).post("/v1/tax-rates").then()
                .statusCode(201);
        UUID customer = CustomerAnnouncements.announce(tenant, "ada@example.com", "Ada Lovelace",
                new PostalAddress("12 Analytical Row", null, "London", null, "N1 9GU", "GB"), "DE");
        String invoice = finalizedFor(customer, true, 25000, 12550);
        String number = asAdmin().get("/v1/invoices/" + invoice).then().extract().path("number");

        Response pdf = given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + invoice + "/pdf");

        pdf.then().statusCode(200).header("Content-Disposition", "inline; filename=\"invoice-" + number + ".pdf\"");
        String text = text(pdf);
        for (String expected : new String[] { number, "Acme GmbH", "DE123456789", "Torstrasse 1", "10119 Berlin",
                "Ada Lovelace", "12 Analytical Row", "N1 9GU London", "United Kingdom", "Workshop day 1",
                "Workshop day 2", "€250.00", "€500.00", "€125.50", "€251.00", // unit prices and line amounts
                "€751.00", "VAT 19%", "€142.69", "€893.69", // subtotal, tax, total
                "IBAN DE89 3704 0044 0532 0130 00" }) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + "; it reads:\n" + text);
        }
    }

    @Test
    void anIssuedInvoiceKeepsTheSellerAndCustomerItWasFinalizedWith() {
        sellerIs("Old Name Ltd");
        UUID customer = CustomerAnnouncements.announce(tenant, "bob@example.com", "Bob Before", null, null);
        String invoice = finalizedFor(customer, true, 1000);

        sellerIs("New Name Ltd");
        String later = finalizedFor(customer, true, 1000);

        String first = text(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + invoice + "/pdf"));
        assertTrue(first.contains("Old Name Ltd"));
        assertFalse(first.contains("New Name Ltd"));
        assertTrue(text(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoices/" + later + "/pdf"))
                .contains("New Name Ltd"));
    }

    @Test
    void aDraftHasNoPdfAndAnotherTenantsInvoiceIsNotFound() {
        UUID customer = CustomerAnnouncements.announce(tenant, "carol@example.com");
        String draft = finalizedFor(customer, false, 1000);
        expectProblem(asAdmin().accept("application/pdf").get("/v1/invoices/" + draft + "/pdf").then(), 409,
                "invoice_not_finalized");

        String invoice = finalizedFor(customer, true, 1000);
        expectProblem(given().auth().oauth2(TestTokens.reader("intruder-" + UUID.randomUUID()))
                .get("/v1/invoices/" + invoice + "/pdf").then(), 404, "invoice_not_found");
        expectProblem(asAdmin().get("/v1/invoices/not-an-id/pdf").then(), 404, "invoice_not_found");
    }

    @Test
    void firstSettingsPutAtTheSameTimeAllSucceed() {
        List<CompletableFuture<Integer>> puts = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> asAdmin().body(Map.of("seller_name", "Racer " + i))
                        .put("/v1/invoice-settings").statusCode()))
                .toList();

        puts.forEach(put -> assertEquals(200, put.join(), "a first PUT racing another is applied, not a 500"));
        assertTrue(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoice-settings").then().extract()
                .<String> path("seller_name").startsWith("Racer "));
    }

    @Test
    void settingsStartEmptyAreReplacedWholeAndValidated() {
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/invoice-settings").then().statusCode(200)
                .body("object", equalTo("invoice_settings")).body("seller_name", nullValue())
                .body("seller_address", nullValue());
        sellerIs("Acme GmbH");
        asAdmin().body(Map.of("seller_name", "Acme AG")).put("/v1/invoice-settings").then().statusCode(200)
                .body("seller_name", equalTo("Acme AG")).body("seller_tax_id", nullValue())
                .body("footer", nullValue());

        Map<String, Object> badCountry = new HashMap<>(Map.of("seller_address", Map.of("country", "Germany")));
        expectProblem(asAdmin().body(badCountry).put("/v1/invoice-settings").then(), 400, "validation_failed")
                .body("errors[0].field", equalTo("seller_address.country"));
        expectProblem(asAdmin().body(Map.of("seller_email", "not an email")).put("/v1/invoice-settings").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("seller_email"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).contentType("application/json")
                .body(Map.of("seller_name", "Reader Inc")).put("/v1/invoice-settings").then(), 403, "forbidden");
    }
}
