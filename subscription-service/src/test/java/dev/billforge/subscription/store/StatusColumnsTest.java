package dev.billforge.subscription.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.TestTokens;

/**
 * Statuses and intervals are stored as the API spells them (lower case, chassis WireName), and the database refuses
 * any other spelling: the CHECKs guard what the enums can hold.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class StatusColumnsTest {

    @Inject
    Pool database;

    private final String tenant = "statuses-" + UUID.randomUUID();
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    private UUID plan(String interval) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("INSERT INTO subscription.plan (id, tenant_id, name, amount, currency, billing_interval,"
                + " interval_count, trial_period_days, active, features, metadata, created_at, updated_at)"
                + " VALUES ($1, $2, 'Gold', 1999, 'USD', $3, 1, 0, true, '{}', '{}', $4, $4)")
                .execute(Tuple.of(id, tenant, interval, now)).await().indefinitely();
        return id;
    }

    private UUID subscription(UUID plan, String status) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("INSERT INTO subscription.subscription (id, tenant_id, customer_id, plan_id,"
                + " period_plan_id, status, version, current_period_start, current_period_end, billing_cycle_anchor,"
                + " cancel_at_period_end, metadata, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $4, $5, 0, $6, $7, $6, false, '{}', $6, $6)")
                .execute(Tuple.tuple().addUUID(id).addString(tenant).addUUID(UUID.randomUUID()).addUUID(plan)
                        .addString(status).addOffsetDateTime(now).addOffsetDateTime(now.plusDays(30)))
                .await().indefinitely();
        return id;
    }

    @Test
    void theColumnsHoldTheApiSpellingAndRefuseAnyOther() {
        UUID plan = plan("month");
        UUID subscription = subscription(plan, "past_due");
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/subscriptions/" + subscription).then()
                .statusCode(200).body("status", equalTo("past_due"));
        given().auth().oauth2(TestTokens.reader(tenant)).get("/v1/plans/" + plan).then()
                .statusCode(200).body("interval", equalTo("month"));

        Exception upperStatus = assertThrows(Exception.class, () -> subscription(plan, "ACTIVE"));
        assertTrue(upperStatus.getMessage().contains("subscription_status_check"), upperStatus.getMessage());
        Exception unknownStatus = assertThrows(Exception.class, () -> subscription(plan, "expired"));
        assertTrue(unknownStatus.getMessage().contains("subscription_status_check"), unknownStatus.getMessage());
        Exception upperInterval = assertThrows(Exception.class, () -> plan("MONTH"));
        assertTrue(upperInterval.getMessage().contains("plan_billing_interval_check"), upperInterval.getMessage());
    }
}
