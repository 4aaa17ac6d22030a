package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.billforge.testsupport.stripe.StripeJournal;

/**
 * payment-service killed with SIGKILL while a window of Stripe charges is in flight (each attempt committed as
 * {@code processing}, its request at Stripe, no answer recorded), then started again: the recovery job asks Stripe
 * again with each attempt's idempotency key, so every invoice is charged once, paid once and announced once.
 */
class ProviderWindowCrashSystemTest extends SystemTestBase {

    private static final int INVOICES = 12;
    private static final String SERVICE = "payment-service";
    private static final String PAYMENT_INTENTS = "/v1/payment_intents";
    /** The stand-in answers this card's charges after 3 s (the stand-in's "too late once", under a 30 s timeout). */
    private static final String SLOW_CARD = "pm_card_standinTimeoutOnce";

    @Test
    void aPaymentServiceKilledWithChargesInFlightChargesEachInvoiceOnceAfterItsRestart() throws Exception {
        String secretKey = "sk_test_51CrashTest" + UUID.randomUUID().toString().replaceAll("[-0-9]", "");
        as(tenant).body(Map.of("secret_key", secretKey, "webhook_signing_secret", "whsec_crashTest"))
                .put("/v1/provider-accounts/stripe").then().statusCode(200);
        String plan = post("/v1/plans", Map.of("name", "Crash monthly", "amount", 2500, "currency", "EUR",
                "interval", "month"));
        for (int i = 0; i < INVOICES; i++) {
            String customer = post("/v1/customers", Map.of("billing_email", "crash+" + i + "@example.com",
                    "name", "Customer " + i));
            post("/v1/payment-methods", Map.of("customer_id", customer, "provider", "stripe", "token", SLOW_CARD));
            post("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", plan));
        }
        StripeJournal stripe = new StripeJournal(platform.stripeBase());
        try (Connection db = platform.database()) {
            Awaitility.await("a window of charges in flight").atMost(FLOW_DEADLINE)
                    .until(() -> inFlight(db, stripe).size() >= 2);
            platform.kill(SERVICE);
            // Read after the kill, when no answer can be recorded any more: the charges the crash cut off.
            List<String> cutOff = inFlight(db, stripe);
            assertFalse(cutOff.isEmpty(), "the kill landed while charges were in flight");
            platform.restart(SERVICE);

            Awaitility.await("every invoice paid").atMost(FLOW_DEADLINE).until(() -> count(db,
                    "SELECT count(*) FROM invoicing.invoice WHERE tenant_id = ? AND status = 'paid'",
                    tenant) == INVOICES);
            Awaitility.await("every payment announced").atMost(FLOW_DEADLINE).until(() -> count(db,
                    "SELECT count(*) FROM payment.outbox_message WHERE tenant_id = ?"
                            + " AND event_type = 'payment.succeeded'", tenant) >= INVOICES);

            List<String> succeeded = keysAt(db, "succeeded");
            assertEquals(INVOICES, succeeded.size(), "one succeeded payment per invoice");
            assertEquals(INVOICES, count(db, "SELECT count(*) FROM payment.payment WHERE tenant_id = ?", tenant),
                    "no second attempt for any invoice");
            for (String key : succeeded) {
                assertEquals(1, stripe.actedOn(PAYMENT_INTENTS, key), "Stripe charged " + key + " once");
            }
            for (String key : cutOff) {
                assertTrue(stripe.withKey(PAYMENT_INTENTS, key).stream().anyMatch(StripeJournal.Seen::replayed),
                        "the charge cut off by the crash (" + key + ") was asked again and answered from Stripe's"
                                + " idempotency store");
            }
            assertEquals(INVOICES, count(db, "SELECT count(*) FROM payment.outbox_message WHERE tenant_id = ?"
                    + " AND event_type = 'payment.succeeded'", tenant), "each payment announced once");
            Awaitility.await("each invoice.paid announced").atMost(FLOW_DEADLINE).until(() -> count(db,
                    "SELECT count(*) FROM invoicing.outbox_message WHERE tenant_id = ?"
                            + " AND event_type = 'invoice.paid'", tenant) >= INVOICES);
            assertEquals(INVOICES, count(db, "SELECT count(*) FROM invoicing.outbox_message WHERE tenant_id = ?"
                    + " AND event_type = 'invoice.paid'", tenant), "each invoice announced paid once");
        } finally {
            if (!platform.isRunning(SERVICE)) {
                platform.restart(SERVICE);
            }
        }
    }

    /** Attempts committed as processing whose request Stripe has received: the calls waiting for their answers. */
    private List<String> inFlight(Connection db, StripeJournal stripe) throws SQLException {
        Set<String> seen = stripe.keysSeen(PAYMENT_INTENTS);
        return keysAt(db, "processing").stream().filter(seen::contains).toList();
    }

    /** The idempotency keys of this tenant's payments in {@code status}. */
    private List<String> keysAt(Connection db, String status) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT idempotency_key FROM payment.payment WHERE tenant_id = ? AND status = ?")) {
            query.setString(1, tenant);
            query.setString(2, status);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }
}
