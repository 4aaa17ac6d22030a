package dev.billforge.notification.service;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.notification.BillingEvents;
import dev.billforge.notification.NotificationsApi;
import dev.billforge.testsupport.KafkaEvents;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.mail.SmtpTestResource;

/**
 * The dispatcher is woken by the commit of a notification (the insert trigger's {@code NOTIFY}), not by its sweep:
 * with the sweep once an hour, a notification recorded after start-up is still sent. (Its own profile: the other
 * dispatcher tests sweep every 50 ms, which would hide a dispatcher listening on the wrong channel.)
 */
@QuarkusTest
@TestProfile(NotificationDispatcherWakeUpTest.SweepOncePerHour.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationDispatcherWakeUpTest {

    public static class SweepOncePerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("billforge.notification.sweep-interval", "1h");
        }
    }

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool database;

    @Test
    void aNotificationCommittedAfterStartUpIsSentWithoutASweep() {
        UUID customer = BillingEvents.customerCreated(tenant, "woken@example.com");
        // The recipient first: a notification whose customer is not known yet is rechecked by the sweep.
        await().atMost(NotificationsApi.DEADLINE).until(() -> known(customer));
        // A failed payment's email: a receipt would wait (on the sweep) for its invoice to be reported paid.
        KafkaEvents.publish(BillingEvents.paymentFailed(tenant, customer, 700, "USD", "card_declined",
                "Your card was declined.", null));

        NotificationsApi.awaitSent(tenant, customer);
    }

    private boolean known(UUID customer) {
        return database.preparedQuery("SELECT 1 FROM notification.known_customer WHERE tenant_id = $1"
                + " AND customer_id = $2").execute(Tuple.of(tenant, customer)).await().atMost(Duration.ofSeconds(5))
                .size() == 1;
    }
}
