package dev.billforge.payment.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

import dev.billforge.payment.PaymentFixtures;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/** The providers a production deployment offers: the simulator only where configuration turns it on. */
@QuarkusTest
@TestProfile(ProductionProvidersTest.ProductionProviders.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ProductionProvidersTest {

    /** What the Helm chart runs with: nothing says {@code billforge.payment.providers.simulator.enabled}. */
    public static class ProductionProviders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // %test turns the simulator on for every other test; an empty value is "not set", the production default.
            return Map.of("billforge.payment.providers.simulator.enabled", "");
        }
    }

    @Inject
    Pool database;

    private final String tenant = "production-" + UUID.randomUUID();

    @Test
    void theSimulatorIsNotAvailableAndItsBooksAreNotInTheSchema() {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("customer_id", customer.toString(), "provider", "simulator", "token", "tok_visa"))
                .post("/v1/payment-methods").then(), 400, "provider_not_available");
        expectProblem(given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON).body(Map.of())
                .put("/v1/provider-accounts/simulator").then(), 400, "provider_not_available");
        // Deliveries "from the simulator" are refused like forgeries.
        expectProblem(given().contentType(ContentType.JSON).body("{}").post("/v1/webhooks/simulator/" + tenant)
                .then(), 400, "webhook_signature_invalid");

        long tables = database.preparedQuery("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = 'payment' AND table_name = 'simulator_charge'").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, tables, "the migrations leave the simulator's books out");
    }
}
