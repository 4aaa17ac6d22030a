package dev.billforge.notification.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;
import dev.billforge.notification.BillingEvents;
import dev.billforge.notification.messaging.NotificationConsumers;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.mail.SmtpTestResource;
import dev.billforge.testsupport.webhooks.WebhookReceiver;

/**
 * Billing events reaching a tenant's endpoint: signed, retried with back-off after an error, logged, replayable, and
 * only the types it asked for.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class WebhookDeliveriesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String tenant = "deliveries-" + UUID.randomUUID();
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @Inject
    Pool database;

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anEndpointGetsItsEventsSignedAndRetriedAfterA500() {
        Map<String, Object> endpoint = endpoint("/billing", List.of("payment.succeeded"));
        receiver.answerWith(500);
        UUID customer = BillingEvents.customerCreated(tenant, "hooks@example.com");
        EventEnvelope<?> event = BillingEvents.paymentSucceeded(tenant, customer, 1999, "USD", "pi_hook");
        KafkaEvents.publish(event);
        KafkaEvents.publish(event); // delivered twice by the broker: still one delivery
        KafkaEvents.publish(BillingEvents.invoiceFinalized(tenant, customer, "INV-000001", 1999, "USD")); // not wanted

        List<WebhookReceiver.Received> requests = await().atMost(DEADLINE)
                .until(() -> receiver.receivedAt("/billing"), received -> received.size() == 2);
        for (WebhookReceiver.Received request : requests) {
            assertTrue(WebhookReceiver.signedWith(request.header("Billing-Signature"), request.body(),
                    (String) endpoint.get("secret")), request.toString());
            assertEquals(event.id(), request.header("Billing-Event-Id"), "the same id on every attempt");
            assertTrue(request.body().contains("\"type\":\"payment.succeeded\""), request.body());
        }
        Map<String, Object> delivery = awaitDelivery((String) endpoint.get("id"), "delivered");
        assertEquals(2, delivery.get("attempts"));
        assertEquals(200, delivery.get("last_status_code"));
        assertEquals("payment.succeeded", delivery.get("event_type"));
        // Only what it subscribed to: the invoice.finalized was never sent.
        await().during(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> receiver.received().size() == 2);
    }

    @Test
    void aDeliveryConnectsToTheAddressThePolicyCheckedAndNeverResolvesTheNameAgain() {
        ScriptedHostResolver.script("hooks.rebind.test", "127.0.0.1");
        String url = receiver.url("/pinned").replace("127.0.0.1", "hooks.rebind.test");
        Map<String, Object> endpoint = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "event_types", List.of("payment.succeeded"))).post("/v1/webhook-endpoints")
                .then().statusCode(201).extract().as(Map.class);
        UUID customer = BillingEvents.customerCreated(tenant, "pinned@example.com");
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, 500, "USD", "pi_pinned"));

        // No real resolver knows the name: the request got here only through the checked address.
        WebhookReceiver.Received request = await().atMost(DEADLINE)
                .until(() -> receiver.receivedAt("/pinned"), received -> !received.isEmpty()).get(0);
        assertEquals(url.replace("http://", "").replace("/pinned", ""), request.header("Host"));
        awaitDelivery((String) endpoint.get("id"), "delivered");
        assertEquals(2, ScriptedHostResolver.lookups("hooks.rebind.test"), "one lookup to create, one to deliver");
    }

    @Test
    void aNameThatTurnsInternalAfterTheEndpointWasCreatedIsNotCalled() {
        // Public-looking at creation (loopback is allowed in tests), then the cloud metadata address.
        ScriptedHostResolver.script("flip.rebind.test", "127.0.0.1", "169.254.169.254");
        Map<String, Object> endpoint = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/flip").replace("127.0.0.1", "flip.rebind.test"),
                        "event_types", List.of("payment.succeeded"))).post("/v1/webhook-endpoints")
                .then().statusCode(201).extract().as(Map.class);
        UUID customer = BillingEvents.customerCreated(tenant, "flip@example.com");
        KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, 500, "USD", "pi_flip"));

        List<Map<String, Object>> log = await().atMost(DEADLINE).until(() -> deliveries((String) endpoint.get("id")),
                attempts -> !attempts.isEmpty() && attempts.get(0).get("last_error") != null);
        assertTrue(((String) log.get(0).get("last_error")).contains("private or internal address"),
                log.toString());
        assertTrue(receiver.receivedAt("/flip").isEmpty());
    }

    @Test
    void aRetriedCreationIsAnsweredFromTheStoredAnswerWithoutCheckingTheUrlAgain() {
        // Allowed at the first try; had the retry looked the name up again it would now be refused.
        ScriptedHostResolver.script("retry.rebind.test", "127.0.0.1", "169.254.169.254");
        Map<String, Object> body = Map.of("url", "https://retry.rebind.test/hooks", "event_types",
                List.of("payment.succeeded"));
        String key = "create-" + UUID.randomUUID();
        String secret = given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/v1/webhook-endpoints").then().statusCode(201)
                .extract().path("secret");
        given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/v1/webhook-endpoints").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("secret", org.hamcrest.Matchers.equalTo(secret));
        assertEquals(1, ScriptedHostResolver.lookups("retry.rebind.test"), "the retry resolved nothing");
    }

    @Test
    void anHttpsDeliveryToTheCheckedAddressStillNamesTheHostInSni() throws Exception {
        ScriptedHostResolver.script("tls.rebind.test", "127.0.0.1");
        try (java.net.ServerSocket tls = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://tls.rebind.test:" + tls.getLocalPort() + "/hooks",
                            "event_types", List.of("payment.succeeded"))).post("/v1/webhook-endpoints")
                    .then().statusCode(201);
            UUID customer = BillingEvents.customerCreated(tenant, "tls@example.com");
            KafkaEvents.publish(BillingEvents.paymentSucceeded(tenant, customer, 500, "USD", "pi_tls"));

            // The TLS ClientHello is plain text: its server_name extension carries the host, not the address.
            tls.setSoTimeout((int) DEADLINE.toMillis());
            try (java.net.Socket connection = tls.accept()) {
                byte[] hello = new byte[4096];
                int read = connection.getInputStream().read(hello);
                String clientHello = new String(hello, 0, Math.max(read, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(clientHello.contains("tls.rebind.test"), "SNI names the host");
            }
        }
    }

    @Test
    void aDeliveryCanBeReplayedAsANewDeliveryOfTheSameEvent() {
        Map<String, Object> endpoint = endpoint("/replay", List.of("subscription.canceled"));
        UUID customer = BillingEvents.customerCreated(tenant, "replay@example.com");
        KafkaEvents.publish(BillingEvents.subscriptionCanceled(tenant, customer, "Pro"));
        Map<String, Object> first = awaitDelivery((String) endpoint.get("id"), "delivered");

        given().auth().oauth2(TestTokens.admin(tenant)).post("/v1/webhook-endpoints/" + endpoint.get("id")
                + "/deliveries/" + first.get("id") + "/replay").then().statusCode(202);
        List<WebhookReceiver.Received> requests = await().atMost(DEADLINE)
                .until(() -> receiver.receivedAt("/replay"), received -> received.size() >= 2);
        assertEquals(requests.get(0).header("Billing-Event-Id"), requests.get(1).header("Billing-Event-Id"));
        assertEquals(requests.get(0).body(), requests.get(1).body());
        List<Map<String, Object>> log = deliveries((String) endpoint.get("id"));
        assertEquals(2, log.size());
        assertEquals(first.get("id"), log.get(0).get("replay_of"));
    }

    @Test
    void anEndpointThatKeepsFailingIsRetriedWithBackOffAndTheReasonLogged() {
        Map<String, Object> endpoint = endpoint("/down", List.of("payment.failed"));
        receiver.answerWith(503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
        UUID customer = BillingEvents.customerCreated(tenant, "down@example.com");
        KafkaEvents.publish(BillingEvents.paymentFailed(tenant, customer, 500, "USD", "card_declined", "Declined.", null));

        // Back-off 0.2s, 0.4s, 0.8s, then 1s apart (test settings): attempts keep coming while it is pending.
        Map<String, Object> pending = await().atMost(DEADLINE).until(() -> deliveries((String) endpoint.get("id")),
                log -> !log.isEmpty() && ((Integer) log.get(0).get("attempts")) >= 3).get(0);
        assertEquals("pending", pending.get("status"));
        assertEquals(503, pending.get("last_status_code"));
        assertEquals("answered 503", pending.get("last_error"));
        assertNotNull(pending.get("next_attempt_at"));
    }

    @Test
    void theEventsOfATenantWithoutEndpointsArePassedOverWithoutAnInboxRow() {
        endpoint("/wanted", List.of("payment.succeeded"));
        String withoutEndpoints = "no-endpoints-" + UUID.randomUUID();
        EventEnvelope<?> passedOver = BillingEvents.paymentSucceeded(withoutEndpoints,
                BillingEvents.customerCreated(withoutEndpoints, "none@example.com"), 500, "USD", "pi_none");
        EventEnvelope<?> wanted = BillingEvents.paymentSucceeded(tenant,
                BillingEvents.customerCreated(tenant, "wanted@example.com"), 500, "USD", "pi_wanted");
        KafkaEvents.publish(passedOver);
        KafkaEvents.publish(wanted);

        KafkaEvents.awaitConsumed("notification-service-webhooks", "payment.succeeded", DEADLINE);
        await().atMost(DEADLINE).until(() -> receiver.receivedAt("/wanted"), received -> received.size() == 1);
        assertEquals(0, webhookInboxRows(passedOver.id()), "no endpoint, so nothing recorded for the fan-out");
        assertEquals(1, webhookInboxRows(wanted.id()));
    }

    private long webhookInboxRows(String eventId) {
        return database.preparedQuery("SELECT count(*) FROM notification.inbox_event WHERE consumer = $1 AND event_id = $2")
                .execute(Tuple.of(NotificationConsumers.TENANT_WEBHOOKS, eventId)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void theWebhookChannelReadsEveryPublishedTopic() {
        String topics = ConfigProvider.getConfig().getValue("mp.messaging.incoming.tenant-webhooks.topics",
                String.class);
        Set<String> read = new HashSet<>(Arrays.asList(topics.split(",")));
        for (EventType<?> type : EventCatalog.ALL) {
            assertTrue(read.contains(type.topic()), type.topic() + " is missing from the tenant-webhooks topics");
        }
    }

    private Map<String, Object> endpoint(String path, List<String> eventTypes) {
        return given().auth().oauth2(TestTokens.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "event_types", eventTypes)).post("/v1/webhook-endpoints")
                .then().statusCode(201).extract().as(Map.class);
    }

    private List<Map<String, Object>> deliveries(String endpointId) {
        return given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/webhook-endpoints/" + endpointId
                + "/deliveries").then().statusCode(200).extract().path("data");
    }

    private Map<String, Object> awaitDelivery(String endpointId, String status) {
        return await().atMost(DEADLINE).until(() -> deliveries(endpointId),
                log -> !log.isEmpty() && status.equals(log.get(log.size() - 1).get("status")))
                .get(deliveries(endpointId).size() - 1);
    }
}
