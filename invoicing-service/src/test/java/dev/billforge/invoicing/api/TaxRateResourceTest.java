package dev.billforge.invoicing.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
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
import dev.billforge.events.customer.PostalAddress;
import dev.billforge.invoicing.Billing;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * Tax rates, and invoices taxed at the customer's: exclusive (added), inclusive (inside the prices), by region, on
 * the invoice's tax lines and totals, in its event and on its credit notes.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class TaxRateResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant = "taxes-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType("application/json");
    }

    private String rate(String name, String country, String region, Object percentage, boolean inclusive) {
        Map<String, Object> body = new HashMap<>(Map.of("display_name", name, "country", country,
                "percentage", percentage, "inclusive", inclusive));
        if (region != null) {
            body.put("region", region);
        }
        return asAdmin().body(body).post("/v1/tax-rates").then().statusCode(201).extract().path("id");
    }

    private UUID customerIn(String taxCountry, PostalAddress address) {
        return CustomerAnnouncements.announce(tenant, "tax@example.com", "Ada Lovelace", address, taxCountry);
    }

    /** A draft of the customer with the lines, once invoicing has heard of the customer. */
    private JsonPath invoiceWith(UUID customer, long... unitAmounts) {
        String id = Awaitility.await().atMost(Billing.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> asAdmin().body(Map.of("customer_id", customer.toString(), "currency", "EUR"))
                        .post("/v1/invoices"), answer -> answer.statusCode() == 201)
                .then().extract().path("id");
        JsonPath invoice = null;
        for (long amount : unitAmounts) {
            invoice = asAdmin().body(Map.of("description", "Service", "unit_amount", amount))
                    .post("/v1/invoices/" + id + "/lines").then().statusCode(201).extract().jsonPath();
        }
        return invoice;
    }

    @Test
    void aRateIsMadeReadAndListedWithItsExactPercentage() {
        String id = rate("VAT", "DE", null, 19, false);
        String nyc = rate("Sales tax", "US", "ny", 8.875, false);

        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/tax-rates/" + nyc).then().statusCode(200)
                .body("object", equalTo("tax_rate")).body("display_name", equalTo("Sales tax"))
                .body("country", equalTo("US")).body("region", equalTo("NY"))
                .body("percentage", equalTo(8.875f)).body("inclusive", equalTo(false));
        given().auth().oauth2(TestTokens.reader(tenant)).queryParam("country", "DE").get("/v1/tax-rates").then()
                .statusCode(200).body("data.id", equalTo(List.of(id))).body("data[0].percentage", equalTo(19));
    }

    @Test
    void aRateIsCheckedBeforeItIsMade() {
        expectProblem(asAdmin().body(Map.of("display_name", "VAT", "country", "DE", "percentage", 100.5))
                .post("/v1/tax-rates").then(), 400, "validation_failed").body("errors[0].field", equalTo("percentage"));
        expectProblem(asAdmin().body(Map.of("display_name", "VAT", "country", "DE", "percentage", 7.12345))
                .post("/v1/tax-rates").then(), 400, "validation_failed").body("errors[0].field", equalTo("percentage"));
        expectProblem(asAdmin().body(Map.of("display_name", "VAT", "country", "Germany", "percentage", 19))
                .post("/v1/tax-rates").then(), 400, "validation_failed").body("errors[0].field", equalTo("country"));
        expectProblem(asAdmin().body(Map.of("country", "DE", "percentage", 19)).post("/v1/tax-rates").then(), 400,
                "validation_failed").body("errors[0].field", equalTo("display_name"));
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/tax-rates/" + UUID.randomUUID())
                .then(), 404, "tax_rate_not_found");
    }

    @Test
    void anExclusiveRateIsAddedOnTopAndShownAsATaxLine() throws Exception {
        String vat = rate("USt.", "DE", null, 19, false);
        UUID customer = customerIn("DE", null);

        JsonPath invoice = invoiceWith(customer, 1999, 1001);
        assertEquals(3000, invoice.getLong("subtotal"));
        assertEquals(570, invoice.getLong("tax"));
        assertEquals(3570, invoice.getLong("total"));
        assertEquals(3000, invoice.getLong("total_excluding_tax"));
        assertEquals(3570, invoice.getLong("amount_due"));
        assertEquals(vat, invoice.getString("tax_lines[0].tax_rate_id"));
        assertEquals("USt.", invoice.getString("tax_lines[0].display_name"));
        assertEquals(19, invoice.getInt("tax_lines[0].percentage"));
        assertEquals(3000, invoice.getLong("tax_lines[0].taxable_amount"));
        assertEquals(570, invoice.getLong("tax_lines[0].amount"));

        String id = invoice.getString("id");
        asAdmin().post("/v1/invoices/" + id + "/finalize").then().statusCode(200);
        JsonNode event = only(Topics.INVOICE_FINALIZED, id).at("/data/invoice");
        assertEquals(List.of(3000L, 570L, 3570L), List.of(event.get("subtotal").asLong(), event.get("tax").asLong(),
                event.get("total").asLong()));
    }

    @Test
    void anInclusiveRateIsInsideThePricesAndTheTotalStaysTheirSum() {
        rate("VAT", "GB", null, 20, true);
        UUID customer = customerIn(null, new PostalAddress("1 Main St", null, "London", null, "N1 9GU", "GB"));

        JsonPath invoice = invoiceWith(customer, 1999);
        assertEquals(1999, invoice.getLong("subtotal"));
        assertEquals(333, invoice.getLong("tax"), "1999 = 1666 net + 333 tax");
        assertEquals(1999, invoice.getLong("total"));
        assertEquals(1666, invoice.getLong("total_excluding_tax"));
        assertEquals(true, invoice.getBoolean("tax_lines[0].inclusive"));
    }

    @Test
    void aRegionsRateTakesPrecedenceOverTheCountrysAndOtherCountriesAreNotTaxed() {
        rate("US federal (none)", "US", null, 0, false);
        rate("NY sales tax", "US", "NY", 8.875, false);
        UUID newYorker = customerIn("US", new PostalAddress("350 5th Ave", null, "New York", "NY", "10118", "US"));
        UUID texan = customerIn("US", new PostalAddress("1 Main St", null, "Austin", "TX", "73301", "US"));
        UUID french = customerIn("FR", null);

        assertEquals(887, invoiceWith(newYorker, 9999).getLong("tax"));
        JsonPath texas = invoiceWith(texan, 9999);
        assertEquals(0, texas.getLong("tax"));
        assertEquals("US federal (none)", texas.getString("tax_lines[0].display_name"));
        JsonPath untaxed = invoiceWith(french, 9999);
        assertEquals(0, untaxed.getLong("tax"));
        assertEquals(0, untaxed.getList("tax_lines").size());
        assertEquals(9999, untaxed.getLong("total"));
    }

    @Test
    void aCreditNoteCreditsItsShareOfTheTax() throws Exception {
        rate("USt.", "DE", null, 19, false);
        String id = invoiceWith(customerIn("DE", null), 10000).getString("id");
        asAdmin().post("/v1/invoices/" + id + "/finalize").then().statusCode(200).body("total", equalTo(11900));
        KafkaEvents.publish(Billing.paymentSucceeded(tenant, id, 11900, 1));
        Billing.awaitInvoiceField(tenant, id, "status", "paid");

        KafkaEvents.publish(Billing.paymentRefunded(tenant, id, 11900, 5950));
        Billing.awaitInvoiceField(tenant, id, "amount_refunded", 5950);
        KafkaEvents.publish(Billing.paymentRefunded(tenant, id, 11900, 5950));
        Billing.awaitInvoiceField(tenant, id, "amount_refunded", 11900);

        JsonPath notes = given().auth().oauth2(TestTokens.reader(tenant)).queryParam("invoice_id", id)
                .get("/v1/credit-notes").then().statusCode(200).body("data", hasSize(2)).extract().jsonPath();
        assertEquals(List.of(950, 950), notes.getList("data.tax"));
        assertEquals(List.of(5000, 5000), notes.getList("data.amount_excluding_tax"));
        JsonNode issued = only(Topics.CREDIT_NOTE_ISSUED, notes.getString("data[0].id")).at("/data/credit_note");
        assertEquals(950, issued.get("tax").asLong());
    }

    private static JsonNode only(String topic, String key) throws Exception {
        try (KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            List<KafkaTopicReader.Record> mine = reader.awaitKey(key, Billing.DEADLINE, Duration.ofMillis(500));
            assertEquals(1, mine.size(), "exactly one " + topic + " event for " + key);
            return JSON.readTree(mine.get(0).value());
        }
    }
}
