package dev.billforge.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.billforge.testsupport.TestTokens;

/**
 * subscription-service killed with SIGKILL in the middle of a bill run batch (its period ledger rows inserted, the
 * transaction not committed) and started again: every due subscription is renewed, and invoiced, exactly once.
 * <p>
 * The subscriptions are seeded straight into subscription-service's tables (as if created a month ago) while it is
 * stopped: a hundred through the API would take a minute on two cores, and the crash is what is under test. The same
 * for invoicing-service killed in the middle of a consumer batch.
 */
class BillRunCrashSystemTest extends SystemTestBase {

    private static final int SUBSCRIPTIONS = 100;
    private static final String SERVICE = "subscription-service";

    /** Sessions waiting for the outbox table: a bill run batch that has written its ledger rows, stuck at its events. */
    private static final String BATCH_WAITING = "SELECT count(*) FROM pg_locks l"
            + " WHERE l.relation = 'subscription.outbox_message'::regclass AND NOT l.granted";
    /** Uncommitted period ledger rows of another session: the same batch, half-way. */
    private static final String LEDGER_UNCOMMITTED = "SELECT count(*) FROM pg_locks l"
            + " WHERE l.relation = 'subscription.subscription_period'::regclass AND l.mode = 'RowExclusiveLock'"
            + " AND l.granted AND l.pid <> pg_backend_pid()";

    @Test
    void aBillRunKilledMidBatchAndRestartedRenewsEverySubscriptionExactlyOnce() throws Exception {
        Instant now = Instant.parse(given().auth().oauth2(TestTokens.admin(tenant))
                .get(platform.services().get(SERVICE).resolve("/v1/test-clock")).then().statusCode(200).extract()
                .<String> path("now"));
        Instant periodEnd = now.minus(Duration.ofHours(1));
        Instant periodStart = periodEnd.minus(Duration.ofDays(30));
        // Another tenant's clock runs ahead: this tenant's renewals are then the bill run's pass over everyone else,
        // at real time, which must still see them.
        asOperator().body(java.util.Map.of("tenant_id", "ahead-" + java.util.UUID.randomUUID(), "advance_by", "P1D"))
                .post("/v1/test-clock/advance").then().statusCode(200);

        platform.kill(SERVICE);
        try (Connection db = platform.database(); Connection gate = platform.database()) {
            seedDueSubscriptions(db, periodStart, periodEnd);
            // Hold the outbox so the first batch stops after its ledger insert, before its commit: the kill is then
            // certain to land in the middle of a batch, not between two.
            gate.setAutoCommit(false);
            gate.createStatement().execute("LOCK TABLE subscription.outbox_message IN SHARE MODE");
            platform.restart(SERVICE);

            Awaitility.await("a bill run batch stopped half-way").atMost(FLOW_DEADLINE)
                    .until(() -> count(db, BATCH_WAITING) > 0 && count(db, LEDGER_UNCOMMITTED) > 0);
            platform.kill(SERVICE);
            gate.rollback();
            assertEquals(0, renewals(db), "the killed batch committed nothing");

            platform.restart(SERVICE);
            Awaitility.await("every subscription renewed").atMost(FLOW_DEADLINE)
                    .until(() -> renewals(db) == SUBSCRIPTIONS);
            assertEquals(SUBSCRIPTIONS, count(db, "SELECT count(DISTINCT subscription_id)"
                    + " FROM subscription.subscription_period WHERE tenant_id = ?"
                    + " AND billing_reason = 'subscription_cycle'", tenant), "each period entered once");
            assertEquals(SUBSCRIPTIONS, count(db, "SELECT count(*) FROM subscription.subscription WHERE tenant_id = ?"
                    + " AND current_period_start = ?", tenant, utc(periodEnd)), "each renewed from its end");

            // invoicing-service invoices each renewal once, whatever the relay sent twice around the crash
            Awaitility.await("one renewal invoice each").atMost(FLOW_DEADLINE).until(() -> count(db,
                    "SELECT count(*) FROM invoicing.invoice WHERE tenant_id = ?", tenant) == SUBSCRIPTIONS);
            assertEquals(SUBSCRIPTIONS, count(db, "SELECT count(DISTINCT subscription_id) FROM invoicing.invoice"
                    + " WHERE tenant_id = ? AND period_start = ?", tenant, utc(periodEnd)));
        } finally {
            if (!platform.isRunning(SERVICE)) {
                platform.restart(SERVICE);
            }
        }
        // The seeded subscriptions stay: their tenant's clock is its own, and no other test moves it.
    }

    /** Sessions waiting for invoicing's outbox table: a consumer batch that has recorded its inbox rows. */
    private static final String INVOICING_BATCH_WAITING = "SELECT count(*) FROM pg_locks l"
            + " WHERE l.relation = 'invoicing.outbox_message'::regclass AND NOT l.granted";
    /** Uncommitted inbox rows of another session: the same consumer batch, half-way. */
    private static final String INBOX_UNCOMMITTED = "SELECT count(*) FROM pg_locks l"
            + " WHERE l.relation = 'invoicing.inbox_event'::regclass AND l.mode = 'RowExclusiveLock'"
            + " AND l.granted AND l.pid <> pg_backend_pid()";

    /**
     * invoicing-service killed with SIGKILL while its consumer applies a batch of {@code subscription.renewed} events
     * (inbox rows recorded, the first invoice written, nothing committed), then started again: the batch is
     * redelivered and every renewal is invoiced, and announced, exactly once.
     */
    @Test
    void anInvoicingConsumerKilledMidBatchAndRestartedInvoicesEveryRenewalExactlyOnce() throws Exception {
        Instant now = Instant.parse(given().auth().oauth2(TestTokens.admin(tenant))
                .get(platform.services().get(SERVICE).resolve("/v1/test-clock")).then().statusCode(200).extract()
                .<String> path("now"));
        Instant periodEnd = now.minus(Duration.ofHours(1));
        Instant periodStart = periodEnd.minus(Duration.ofDays(30));
        String consumer = "invoicing-service";
        try (Connection db = platform.database(); Connection gate = platform.database()) {
            // Hold invoicing's outbox: the consumer's batch stops at its first event, after its inbox insert.
            gate.setAutoCommit(false);
            gate.createStatement().execute("LOCK TABLE invoicing.outbox_message IN SHARE MODE");
            seedDueSubscriptions(db, periodStart, periodEnd); // the running bill run renews them
            Awaitility.await("an invoicing batch stopped half-way").atMost(FLOW_DEADLINE)
                    .until(() -> count(db, INVOICING_BATCH_WAITING) > 0 && count(db, INBOX_UNCOMMITTED) > 0);
            platform.kill(consumer);
            gate.rollback();
            assertEquals(0, count(db, "SELECT count(*) FROM invoicing.invoice WHERE tenant_id = ?", tenant),
                    "the killed batch committed nothing");

            platform.restart(consumer);
            Awaitility.await("one renewal invoice each").atMost(FLOW_DEADLINE).until(() -> count(db,
                    "SELECT count(*) FROM invoicing.invoice WHERE tenant_id = ?", tenant) == SUBSCRIPTIONS);
            assertEquals(SUBSCRIPTIONS, count(db, "SELECT count(DISTINCT subscription_id) FROM invoicing.invoice"
                    + " WHERE tenant_id = ? AND period_start = ?", tenant, utc(periodEnd)), "each renewal invoiced");
            assertEquals(SUBSCRIPTIONS, count(db, "SELECT count(*) FROM invoicing.outbox_message WHERE tenant_id = ?"
                    + " AND event_type = 'invoice.finalized'", tenant), "each invoice announced once");
            assertEquals(SUBSCRIPTIONS, count(db, "SELECT count(DISTINCT number) FROM invoicing.invoice"
                    + " WHERE tenant_id = ?", tenant), "numbers not reused");
        } finally {
            if (!platform.isRunning(consumer)) {
                platform.restart(consumer);
            }
        }
    }

    private long renewals(Connection db) throws SQLException {
        return count(db, "SELECT count(*) FROM subscription.subscription_period WHERE tenant_id = ?"
                + " AND billing_reason = 'subscription_cycle'", tenant);
    }

    /** Active monthly subscriptions of this test's tenant whose period ended an hour ago, with their ledger rows. */
    private void seedDueSubscriptions(Connection db, Instant periodStart, Instant periodEnd) throws SQLException {
        try (PreparedStatement seed = db.prepareStatement("WITH plan AS ("
                + " INSERT INTO subscription.plan (id, tenant_id, name, amount, currency, billing_interval,"
                + " interval_count, trial_period_days, active, features, metadata, created_at, updated_at)"
                + " VALUES (gen_random_uuid(), ?, 'Crash monthly', 1999, 'USD', 'month', 1, 0, true, '{}', '{}', ?, ?)"
                + " RETURNING id),"
                + " subscriptions AS ("
                + " INSERT INTO subscription.subscription (id, tenant_id, customer_id, plan_id, period_plan_id,"
                + " status, version, current_period_start, current_period_end, billing_cycle_anchor,"
                + " cancel_at_period_end, metadata, created_at, updated_at)"
                + " SELECT gen_random_uuid(), ?, gen_random_uuid(), plan.id, plan.id, 'active', 0, ?, ?, ?, false,"
                + " '{}', ?, ? FROM plan, generate_series(1, ?)"
                + " RETURNING tenant_id, id, current_period_start, current_period_end)"
                + " INSERT INTO subscription.subscription_period (tenant_id, subscription_id, period_start, period_end,"
                + " billing_reason, created_at)"
                + " SELECT tenant_id, id, current_period_start, current_period_end, 'first_period', current_period_start"
                + " FROM subscriptions")) {
            OffsetDateTime start = utc(periodStart);
            OffsetDateTime end = utc(periodEnd);
            int i = 1;
            seed.setString(i++, tenant);
            seed.setObject(i++, start);
            seed.setObject(i++, start);
            seed.setString(i++, tenant);
            seed.setObject(i++, start);
            seed.setObject(i++, end);
            seed.setObject(i++, start);
            seed.setObject(i++, start);
            seed.setObject(i++, start);
            seed.setInt(i, SUBSCRIPTIONS);
            assertEquals(SUBSCRIPTIONS, seed.executeUpdate());
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
