package dev.billforge.systemtest;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.billforge.testsupport.TestTokens;

/**
 * What a production install refuses and limits, shown on the running platform: the payment simulator and test-clock
 * moves under the production configuration, and one tenant's burst of writes through the ingress.
 */
class SafeByDefaultSystemTest extends SystemTestBase {

    @Test
    void underTheProductionConfigurationTheSimulatorIsNotAvailableAndTestClocksDoNotMove() {
        try (Platform.ProductionInstance payments = platform.startWithProductionConfiguration("payment-service")) {
            String admin = TestTokens.admin(tenant);
            expectProblem(given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("customer_id", UUID.randomUUID().toString(), "provider", "simulator",
                            "token", "tok_visa"))
                    .post(payments.uri().resolve("/v1/payment-methods")).then(), 400, "provider_not_available");
            expectProblem(given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("tenant_id", tenant, "advance_by", "P30D"))
                    .post(payments.uri().resolve("/v1/test-clock/advance")).then(), 404, "test_clock_disabled");
        }
        // The platform of this run (simulator on, as the local stack) takes the same request for what it is.
        expectProblem(as(tenant).body(Map.of("customer_id", UUID.randomUUID().toString(), "provider", "bitcoin",
                "token", "x")).post("/v1/payment-methods").then(), 400, "provider_not_available");
    }

    @Test
    void aDumpOfTheDatabaseHoldsNoBillingEmailOrNameInTheClear() {
        Flow flow = subscribeWithCard("tok_visa");
        // By now the email went everywhere it goes: the customer, every service's directory, events in the outbox,
        // the stored first answer, the receipt email.
        awaitOne("/v1/notifications?customer_id=" + flow.customer() + "&type=payment_receipt", "type",
                "payment_receipt");
        awaitEmail(flow.email(), "");
        as(tenant).header("Idempotency-Key", "pii-" + UUID.randomUUID())
                .body(Map.of("billing_email", "second-" + flow.email(), "name", "Grace Hopper",
                        "address", Map.of("line1", "1 Cobol Lane", "city", "Arlington", "postal_code", "22201",
                                "country", "US")))
                .post("/v1/customers").then().statusCode(201);

        String dump = platform.pgDump();
        assertTrue(dump.contains("COPY customer.customer"), "the dump holds the customers' table");
        assertTrue(dump.contains(tenant) && dump.contains(flow.customer()), "it holds this test's rows");
        assertTrue(dump.contains("pd1:"), "it holds sealed values");
        for (String clear : List.of(flow.email(), "Ada Lovelace", "Grace Hopper", "1 Cobol Lane")) {
            assertTrue(!dump.contains(clear), "the dump shows '" + clear + "' in the clear");
        }
        // The API still answers with the real values, and the email filter still finds the customer.
        as(tenant).get("/v1/customers?email=" + flow.email().toUpperCase(java.util.Locale.ROOT)).then()
                .statusCode(200).body("data[0].billing_email", org.hamcrest.Matchers.equalTo(flow.email()))
                .body("data[0].name", org.hamcrest.Matchers.equalTo("Ada Lovelace"));
        System.out.printf("pg_dump of the platform's database: %d bytes, no billing email, name or address line in"
                + " the clear%n", dump.length());
    }

    /**
     * Every status column of every service is guarded by a CHECK that names it (the enums' spellings), so a value
     * the code cannot read never gets stored. Text columns named {@code status} or ending in {@code _status} count;
     * a new one without a CHECK fails here.
     */
    @Test
    void everyStatusColumnOfEveryServiceHasACheck() throws Exception {
        String sql = """
                SELECT c.table_schema || '.' || c.table_name || '.' || c.column_name
                FROM information_schema.columns c
                WHERE c.table_schema IN ('customer', 'subscription', 'invoicing', 'payment', 'notification')
                  AND (c.column_name = 'status' OR c.column_name LIKE '%\\_status' ESCAPE '\\')
                  AND c.data_type = 'text'
                  AND NOT EXISTS (
                      SELECT 1 FROM pg_constraint k
                      JOIN pg_class t ON t.oid = k.conrelid
                      JOIN pg_namespace n ON n.oid = t.relnamespace
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (k.conkey)
                      WHERE k.contype = 'c' AND n.nspname = c.table_schema AND t.relname = c.table_name
                        AND a.attname = c.column_name)
                ORDER BY 1""";
        List<String> unguarded = new ArrayList<>();
        List<String> guarded = new ArrayList<>();
        try (java.sql.Connection database = platform.database();
                java.sql.ResultSet rows = database.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                unguarded.add(rows.getString(1));
            }
        }
        try (java.sql.Connection database = platform.database();
                java.sql.ResultSet rows = database.createStatement().executeQuery("""
                        SELECT count(*) FROM information_schema.columns
                        WHERE table_schema IN ('customer', 'subscription', 'invoicing', 'payment', 'notification')
                          AND column_name = 'status'""")) {
            rows.next();
            guarded.add(rows.getString(1));
        }
        assertEquals(List.of(), unguarded, "status columns without a CHECK");
        System.out.printf("status columns, all with a CHECK: %s%n", guarded.get(0));
    }

    @Test
    void oneTenantsBurstGets429WithRetryAfterWhileAnotherTenantIsServed() throws Exception {
        String busy = "burst-" + UUID.randomUUID();
        String other = "calm-" + UUID.randomUUID();
        int burst = Platform.WRITES_PER_WINDOW + 20;
        List<Response> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int n = 0; n < burst; n++) {
                int number = n;
                sent.add(clients.submit(() -> as(busy)
                        .body(Map.of("billing_email", "burst" + number + "@example.com")).post("/v1/customers")));
            }
            // Meanwhile, through the same ingress and the same service, another tenant.
            Response calm = as(other).body(Map.of("billing_email", "calm@example.com")).post("/v1/customers");
            for (Future<Response> answer : sent) {
                answers.add(answer.get());
            }
            assertEquals(201, calm.statusCode(), calm.asString());
        } finally {
            clients.shutdownNow();
        }

        long created = answers.stream().filter(answer -> answer.statusCode() == 201).count();
        List<Response> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertEquals(burst, created + refused.size(), "every answer is 201 or 429");
        assertEquals(Platform.WRITES_PER_WINDOW, created, "the quota's worth is created, no more");
        Response first = refused.get(0);
        first.then().contentType("application/problem+json");
        assertEquals("rate_limited", first.path("code"));
        int retryAfter = Integer.parseInt(first.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= Platform.RATE_LIMIT_WINDOW.toSeconds(), "Retry-After " + retryAfter);
        assertEquals("\"writes\";q=" + Platform.WRITES_PER_WINDOW + ";w=" + Platform.RATE_LIMIT_WINDOW.toSeconds(),
                first.header("RateLimit-Policy"));
        assertTrue(first.header("RateLimit").startsWith("\"writes\";r=0;t="), first.header("RateLimit"));
        System.out.printf("burst of %d writes by one tenant: %d created, %d refused with 429 (Retry-After %d s);"
                + " another tenant's write meanwhile: 201%n", burst, created, refused.size(), retryAfter);
    }
}
