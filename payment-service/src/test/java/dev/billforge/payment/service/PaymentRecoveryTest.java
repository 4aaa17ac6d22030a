package dev.billforge.payment.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.Topics;
import dev.billforge.testsupport.OnVertx;
import dev.billforge.payment.PaymentFixtures;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.KafkaTopicReader;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.stripe.StripeStandInResource;
import dev.billforge.testsupport.TestTokens;

/**
 * A crash between recording an attempt and recording the provider's answer leaves the payment {@code processing};
 * the recovery job finishes it with the same idempotency key: one charge at the provider, one event.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(StripeStandInResource.class)
@WithTestResource(PayPalStandInResource.class)
class PaymentRecoveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool database;
    @Inject
    Vertx vertx;
    @Inject
    PaymentRecovery recovery;
    @Inject
    InvoiceCharging charging;

    private final String tenant = "recovery-" + UUID.randomUUID();

    @Test
    void aPaymentLeftProcessingIsChargedOnceEvenWhenRecoveryRunsConcurrently() {
        StuckPayment stuck = stuckPayment("tok_visa");

        // Three runs racing each other (and the scheduled job): only one claims the row, the rest find nothing.
        List<CompletableFuture<Integer>> runs = List.of(OnVertx.start(vertx, recovery::recoverOnce),
                OnVertx.start(vertx, recovery::recoverOnce), OnVertx.start(vertx, recovery::recoverOnce));
        runs.forEach(CompletableFuture::join);

        Map<String, Object> payment = awaitSettled(stuck.paymentId());
        assertEquals("succeeded", payment.get("status"));
        assertEquals(1, providerRequests(stuck.idempotencyKey()));
        assertEquals(1, events(Topics.PAYMENT_SUCCEEDED, stuck.paymentId()));
    }

    @Test
    void aLateChargeAndRecoveryRacingAskTheProviderOnce() {
        // The tail of a batch of dunning retries or invoice.finalized charges, reached after its attempt went stale,
        // while recovery takes the same payment: whichever marks it attempted first makes the only provider call.
        StuckPayment stuck = stuckPayment("tok_visa");
        List<CompletableFuture<?>> runs = List.of(
                OnVertx.start(vertx, () -> charging.charge(tenant, stuck.paymentId())),
                OnVertx.start(vertx, recovery::recoverOnce),
                OnVertx.start(vertx, recovery::recoverOnce));
        runs.forEach(CompletableFuture::join);

        Map<String, Object> payment = awaitSettled(stuck.paymentId());
        assertEquals("succeeded", payment.get("status"));
        assertEquals(1, providerRequests(stuck.idempotencyKey()));
        assertEquals(1, events(Topics.PAYMENT_SUCCEEDED, stuck.paymentId()));
    }

    @Test
    void aChargeTheProviderMadeBeforeTheCrashIsRecordedNotRepeated() {
        StuckPayment stuck = stuckPayment("tok_visa");
        // The provider charged, then we crashed before recording its answer.
        database.preparedQuery("INSERT INTO payment.simulator_charge (idempotency_key, reference, outcome, amount,"
                + " currency, created_at) VALUES ($1, 'ch_sim_before_crash', 'succeeded', 1999, 'USD', now())")
                .execute(Tuple.of(stuck.idempotencyKey())).await().atMost(Duration.ofSeconds(5));

        OnVertx.await(vertx, recovery::recoverOnce);

        Map<String, Object> payment = awaitSettled(stuck.paymentId());
        assertEquals("succeeded", payment.get("status"));
        assertEquals("ch_sim_before_crash", payment.get("provider_reference"));
        assertEquals(2, providerRequests(stuck.idempotencyKey()), "asked again with the same key, answered, not charged");
        assertEquals(1, events(Topics.PAYMENT_SUCCEEDED, stuck.paymentId()));
    }

    @Test
    void aDeclineFoundByRecoveryIsPublishedOnce() {
        StuckPayment stuck = stuckPayment("tok_chargeDeclined");
        OnVertx.await(vertx, recovery::recoverOnce);

        Map<String, Object> payment = awaitSettled(stuck.paymentId());
        assertEquals("failed", payment.get("status"));
        assertEquals("card_declined", payment.get("failure_code"));
        assertEquals(1, providerRequests(stuck.idempotencyKey()));
        assertEquals(1, events(Topics.PAYMENT_FAILED, stuck.paymentId()));
    }

    @Test
    void aSettledPaymentIsNeverChargedAgain() {
        StuckPayment stuck = stuckPayment("tok_visa");
        OnVertx.await(vertx, recovery::recoverOnce);
        awaitSettled(stuck.paymentId());
        // However often the job (or a late duplicate) gets to it, a settled payment stays as it is.
        OnVertx.await(vertx, recovery::recoverOnce);
        assertEquals(1, providerRequests(stuck.idempotencyKey()));
        assertEquals(1, events(Topics.PAYMENT_SUCCEEDED, stuck.paymentId()));
    }

    private record StuckPayment(UUID paymentId, String idempotencyKey) {
    }

    /**
     * A payment as step 1 leaves it: {@code processing}, with its provider call made (or not) an hour ago and no
     * answer recorded, as after a crash.
     */
    private StuckPayment stuckPayment(String token) {
        UUID customer = PaymentFixtures.publishCustomer(tenant);
        String method = PaymentFixtures.attach(tenant, customer, token);
        UUID paymentId = TimeOrderedIds.next();
        UUID invoiceId = UUID.randomUUID();
        String key = "invoice_" + invoiceId + "_attempt_1";
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime anHourAgo = now.minusHours(1);
        database.preparedQuery("INSERT INTO payment.payment (id, tenant_id, invoice_id, subscription_id, customer_id,"
                + " payment_method_id, amount, currency, status, provider, attempt, idempotency_key, created_at,"
                + " updated_at, charge_attempted_at) VALUES ($1, $2, $3, NULL, $4, $5, 1999, 'USD', 'processing',"
                + " 'simulator', 1, $6, $7, $7, $8)")
                .execute(Tuple.from(List.of(paymentId, tenant, invoiceId, customer, UUID.fromString(method), key,
                        anHourAgo, anHourAgo)))
                .await().atMost(Duration.ofSeconds(5));
        return new StuckPayment(paymentId, key);
    }

    private Map<String, Object> awaitSettled(UUID paymentId) {
        return await().atMost(DEADLINE).until(() -> given().auth().oauth2(TestTokens.reader(tenant))
                .get("/v1/payments/" + paymentId).then().statusCode(200).extract().<Map<String, Object>> path("$"),
                payment -> !"processing".equals(payment.get("status")));
    }

    /** How often the provider was asked with this key (a row is one charge; requests counts each ask). */
    private long providerRequests(String idempotencyKey) {
        return database.preparedQuery(
                "SELECT coalesce(sum(requests), 0) FROM payment.simulator_charge WHERE idempotency_key = $1")
                .execute(Tuple.of(idempotencyKey)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private static int events(String topic, UUID paymentId) {
        try (KafkaTopicReader reader = new KafkaTopicReader(topic)) {
            return reader.awaitKey(paymentId.toString(), DEADLINE, Duration.ofSeconds(1)).size();
        }
    }
}
