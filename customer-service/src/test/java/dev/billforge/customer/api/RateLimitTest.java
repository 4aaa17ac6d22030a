package dev.billforge.customer.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.RedisTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * The chassis' per-tenant quotas as every service applies them, with counters in the real Redis: one tenant's burst
 * of writes is refused with 429 while another tenant, and the same tenant's reads, are served.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallQuotas.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
class RateLimitTest {

    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("billforge.rate-limit.enabled", "true", "billforge.rate-limit.writes", "5",
                    "billforge.rate-limit.reads", "50", "billforge.rate-limit.window", "60s");
        }
    }

    @Inject
    RedisDataSource redis;

    private final String busy = "busy-" + UUID.randomUUID();
    private final String quiet = "quiet-" + UUID.randomUUID();

    private static Response create(String tenant, int n) {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("billing_email", "burst" + n + "@example.com")).post("/v1/customers");
    }

    @Test
    void aTenantsBurstIs429WithRetryAfterWhileAnotherTenantIsServed() {
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int n = 0; n < 8; n++) {
            Response answer = create(busy, n);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 201) {
                assertEquals("\"writes\";q=5;w=60", answer.header("RateLimit-Policy"));
                assertTrue(answer.header("RateLimit").startsWith("\"writes\";r=" + (4 - n) + ";t="),
                        answer.header("RateLimit"));
            } else if (refused == null) {
                refused = answer;
            }
        }
        assertEquals(List.of(201, 201, 201, 201, 201, 429, 429, 429), statuses);

        refused.then().contentType("application/problem+json").body("status", equalTo(429))
                .body("code", equalTo("rate_limited"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(refused.header("RateLimit").startsWith("\"writes\";r=0;t="), refused.header("RateLimit"));

        // Another tenant writes as if nothing happened; the busy tenant still reads.
        assertEquals(201, create(quiet, 0).statusCode());
        given().auth().oauth2(TestTokens.reader(busy)).get("/v1/customers").then().statusCode(200)
                .header("RateLimit-Policy", "\"reads\";q=50;w=60");

        // The count is in Redis, where every replica of every service reads the same number.
        assertEquals("8", redis.value(String.class).get("billforge:rate:writes:" + busy));
    }

    @Test
    void requestsWithoutATenantAreNotCountedAndStillRefusedForWhatTheyAre() {
        for (int n = 0; n < 7; n++) {
            given().contentType(ContentType.JSON).body(Map.of("billing_email", "anon@example.com"))
                    .post("/v1/customers").then().statusCode(401);
        }
    }
}
