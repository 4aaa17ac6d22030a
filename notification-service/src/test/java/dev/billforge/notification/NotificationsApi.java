package dev.billforge.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.billforge.testsupport.TestTokens;

/** Reads notifications back through the API, as a tenant's reader would, waiting for the consumers and dispatcher. */
public final class NotificationsApi {

    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private NotificationsApi() {
    }

    /** The customer's notifications, newest first (at most 100). */
    public static List<Map<String, Object>> ofCustomer(String tenant, UUID customerId) {
        return given().auth().oauth2(TestTokens.reader(tenant)).queryParam("customer_id", customerId)
                .queryParam("limit", 100).get("/v1/notifications").then().statusCode(200).extract().path("data");
    }

    /** Waits until the customer has exactly one notification matching {@code state}, and returns it. */
    public static Map<String, Object> awaitOnly(String tenant, UUID customerId, Predicate<Map<String, Object>> state) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> ofCustomer(tenant, customerId), list -> list.size() == 1 && state.test(list.get(0)))
                .get(0);
    }

    public static Map<String, Object> awaitSent(String tenant, UUID customerId) {
        return awaitOnly(tenant, customerId, notification -> "sent".equals(notification.get("status")));
    }
}
