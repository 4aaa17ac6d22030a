package dev.billforge.systemtest;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.billforge.testsupport.TestTokens;

/**
 * What every system test does: talk to the one platform of this run (started once for all test classes) through
 * the ingress as a tenant of its own, and wait for the Kafka choreography to show through the API.
 */
abstract class SystemTestBase {

    /** Generous for a 2-core machine running five JVMs, a broker and Postgres; typically a second or two. */
    static final Duration FLOW_DEADLINE = Duration.ofSeconds(60);

    static Platform platform;

    final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void usePlatform() {
        platform = Platform.shared();
        RestAssured.baseURI = platform.gateway().toString();
        RestAssured.port = platform.gateway().getPort();
    }

    RequestSpecification as(String tenantId) {
        return given().auth().oauth2(TestTokens.admin(tenantId)).contentType(ContentType.JSON);
    }

    /** The platform operator, who alone moves tenants' test clocks. */
    RequestSpecification asOperator() {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON);
    }

    String post(String path, Map<String, Object> body) {
        return as(tenant).body(body).post(path).then().statusCode(201).extract().path("id");
    }

    JsonPath get(String path) {
        return as(tenant).get(path).then().statusCode(200).extract().jsonPath();
    }

    /** A customer with a card on file and a monthly plan subscribed: what a client does, in order. */
    Flow subscribeWithCard(String token) {
        return subscribeWithCard("simulator", token);
    }

    Flow subscribeWithCard(String provider, String token) {
        String email = "billing+" + UUID.randomUUID() + "@example.com";
        String customer = post("/v1/customers", Map.of("billing_email", email, "name", "Ada Lovelace"));
        // Immediately: payment-service has not necessarily heard of the customer yet (it waits for the event).
        post("/v1/payment-methods", Map.of("customer_id", customer, "provider", provider, "token", token));
        String plan = post("/v1/plans", Map.of("name", "Gold monthly", "amount", 1999, "currency", "USD",
                "interval", "month"));
        String subscription = post("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", plan));
        return new Flow(customer, email, plan, subscription);
    }

    record Flow(String customer, String email, String plan, String subscription) {
    }

    /** Waits until the flow's first invoice is paid and its subscription active. */
    void awaitActive(Flow flow) {
        Awaitility.await("subscription " + flow.subscription() + " active").atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> get("/v1/subscriptions/" + flow.subscription()).getString("status").equals("active"));
    }

    JsonPath awaitOne(String path, String field, String expected) {
        return Awaitility.await(path + " has one record with " + field + "=" + expected).atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(tenant).get(path).then().statusCode(200).extract().jsonPath(),
                        json -> json.getList("data").size() == 1 && expected.equals(json.getString("data[0]." + field)));
    }

    /** The email to {@code recipient} whose subject starts with {@code subject}, once the SMTP server has it. */
    static MimeMessage awaitEmail(String recipient, String subject) {
        return Awaitility.await("an email '" + subject + "' to " + recipient).atMost(FLOW_DEADLINE)
                .until(() -> Arrays.stream(platform.smtp().getReceivedMessages()).filter(message -> {
                    try {
                        return recipient.equals(((InternetAddress) message.getAllRecipients()[0]).getAddress())
                                && message.getSubject().startsWith(subject);
                    } catch (MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), Objects::nonNull);
    }

    /** Moves this test's tenant's clock (through the ingress) and waits until every service reads it. */
    void moveClockTo(Instant target) {
        moveClockTo(target, platform.services().keySet());
    }

    /** Moves this test's tenant's clock on every service, waiting only until {@code services} read it. */
    void moveClockTo(Instant target, Collection<String> services) {
        asOperator().body(Map.of("tenant_id", tenant, "to", target.toString())).post("/v1/test-clock/advance").then()
                .statusCode(200);
        for (String service : services) {
            Awaitility.await(service + "'s clock at " + target).atMost(FLOW_DEADLINE).pollInterval(Duration.ofMillis(10))
                    .until(() -> !Instant.parse(given().auth().oauth2(TestTokens.admin(tenant))
                            .get(platform.services().get(service).resolve("/v1/test-clock")).then().statusCode(200)
                            .extract().<String> path("now")).isBefore(target));
        }
    }

    /** The single number {@code sql} answers, its {@code ?} bound to {@code parameters} in order. */
    static long count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
