package dev.billforge.customer.messaging;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.balance.CustomerBalanceChanged;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** {@code customer_balance.changed} (published as invoicing-service does) is shown by GET /v1/customers/{id}/balance. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class CustomerBalanceConsumerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "balance-" + UUID.randomUUID();

    private String customer() {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body("{\"billing_email\":\"credit@example.com\"}").post("/v1/customers").then().statusCode(201)
                .extract().path("id");
    }

    private void changed(String customer, String currency, long balance, long version) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.CUSTOMER_BALANCE_CHANGED, "/invoicing-service", tenant,
                UUID.fromString(customer), new CustomerBalanceChanged(UUID.fromString(customer), currency, balance,
                        balance, version, CustomerBalanceChanged.INVOICE_FINALIZED, UUID.randomUUID(), at)));
    }

    @Test
    void theNewestBalanceInEachCurrencyIsShownWhateverOrderChangesArriveIn() {
        String id = customer();
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/customers/" + id + "/balance").then()
                .statusCode(200).body("object", equalTo("customer_balance")).body("customer_id", equalTo(id))
                .body("balances", hasSize(0));

        changed(id, "USD", -1500, 2);
        changed(id, "USD", -4000, 1); // older, arriving late: ignored
        changed(id, "EUR", -700, 1);

        Awaitility.await().atMost(DEADLINE).untilAsserted(() -> given().auth().oauth2(TestTokens.reader(tenant))
                .get("/v1/customers/" + id + "/balance").then().statusCode(200)
                .body("balances.currency", equalTo(List.of("EUR", "USD")))
                .body("balances.balance", equalTo(List.of(-700, -1500))));
    }

    @Test
    void anUnknownOrAnotherTenantsCustomerHasNoBalance() {
        String id = customer();
        expectProblem(given().auth().oauth2(TestTokens.reader("other-" + UUID.randomUUID()))
                .get("/v1/customers/" + id + "/balance").then(), 404, "customer_not_found");
        expectProblem(given().auth().oauth2(TestTokens.reader(tenant))
                .get("/v1/customers/" + UUID.randomUUID() + "/balance").then(), 404, "customer_not_found");
    }
}
