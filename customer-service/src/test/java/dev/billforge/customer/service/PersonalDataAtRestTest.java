package dev.billforge.customer.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.secrets.PersonalDataResealing;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** Customers' personal data as stored: sealed, found by email only through the blind index, still served in clear. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class PersonalDataAtRestTest {

    @Inject
    Pool database;
    @Inject
    PersonalDataResealing resealing;
    @Inject
    CustomerEmailIndexing indexing;

    private final String tenant = "pii-" + UUID.randomUUID();

    private RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON);
    }

    private Row stored(String id) {
        return database.preparedQuery("SELECT billing_email, billing_email_index, name, address_line1, address_city,"
                + " address_postal_code, address_country FROM customer.customer WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next();
    }

    @Test
    void personalDataIsSealedInTheCustomerTheOutboxAndTheStoredAnswerAndServedInTheClear() {
        String key = "pii-" + UUID.randomUUID();
        String id = asAdmin().header("Idempotency-Key", key).body(Map.of("billing_email", "Ada@Example.com",
                "name", "Ada Lovelace", "address", Map.of("line1", "12 Analytical Row", "city", "London",
                        "postal_code", "N1 9GU", "country", "GB")))
                .post("/v1/customers").then().statusCode(201).extract().path("id");

        Row row = stored(id);
        for (String column : new String[] { "billing_email", "name", "address_line1", "address_city",
                "address_postal_code" }) {
            assertTrue(row.getString(column).startsWith("pd1:test-2026-11:"), column + ": " + row.getString(column));
        }
        assertEquals("GB", row.getString("address_country"), "the country stays readable for tax");
        assertEquals(64, row.getString("billing_email_index").length());

        String outbox = database.preparedQuery("SELECT string_agg(payload, ' ') FROM customer.outbox_message"
                + " WHERE tenant_id = $1").execute(Tuple.of(tenant)).await().indefinitely().iterator().next()
                .getString(0);
        assertTrue(outbox.startsWith("pd1:"), outbox);
        // Whole values: three letters like "Ada" turn up in base64 by chance (about 1 run in 100).
        assertFalse(outbox.contains("Ada Lovelace") || outbox.contains("@Example.com"), outbox);
        String answer = database.preparedQuery("SELECT response_body FROM customer.idempotency_key"
                + " WHERE tenant_id = $1").execute(Tuple.of(tenant)).await().indefinitely().iterator().next()
                .getString(0);
        assertFalse(answer.contains("Ada Lovelace") || answer.contains("Analytical Row"), answer);

        asAdmin().get("/v1/customers/" + id).then().statusCode(200).body("billing_email", equalTo("Ada@Example.com"))
                .body("name", equalTo("Ada Lovelace")).body("address.line1", equalTo("12 Analytical Row"));
        asAdmin().get("/v1/customers?email=ada@example.COM").then().statusCode(200).body("data", hasSize(1))
                .body("data[0].id", equalTo(id));
        // The replayed first answer opens too.
        asAdmin().header("Idempotency-Key", key).body(Map.of("billing_email", "Ada@Example.com",
                "name", "Ada Lovelace", "address", Map.of("line1", "12 Analytical Row", "city", "London",
                        "postal_code", "N1 9GU", "country", "GB")))
                .post("/v1/customers").then().statusCode(201).body("id", equalTo(id))
                .body("billing_email", equalTo("Ada@Example.com"));

        // A changed email is indexed again: the old one no longer finds the customer.
        asAdmin().body(Map.of("billing_email", "augusta@example.com")).patch("/v1/customers/" + id).then()
                .statusCode(200);
        asAdmin().get("/v1/customers?email=ada@example.com").then().body("data", hasSize(0));
        asAdmin().get("/v1/customers?email=Augusta@example.com").then().body("data[0].id", equalTo(id));
    }

    @Test
    void aCustomerStoredBeforeSealingIsSealedAndIndexedAfterStartUp() {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        database.preparedQuery("INSERT INTO customer.customer (id, tenant_id, billing_email, name, address_line1,"
                + " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)")
                .execute(Tuple.of(id, tenant, "legacy@example.com", "Charles Babbage", "1 Difference Street", now))
                .await().indefinitely();
        // Read as it is before resealing.
        asAdmin().get("/v1/customers/" + id).then().statusCode(200).body("name", equalTo("Charles Babbage"));
        assertNull(stored(id.toString()).getString("billing_email_index"));

        assertTrue(resealing.resealAll().await().indefinitely() >= 3);
        assertTrue(indexing.indexAll().await().indefinitely() >= 1);

        Row row = stored(id.toString());
        assertTrue(row.getString("billing_email").startsWith("pd1:"), row.getString("billing_email"));
        assertTrue(row.getString("name").startsWith("pd1:"));
        assertTrue(row.getString("address_line1").startsWith("pd1:"));
        asAdmin().get("/v1/customers?email=LEGACY@example.com").then().body("data", hasSize(1))
                .body("data[0].name", equalTo("Charles Babbage"))
                .body("data[0].address.line1", equalTo("1 Difference Street"));
        assertEquals(0, resealing.resealAll().await().indefinitely(), "nothing left to seal");
    }
}
