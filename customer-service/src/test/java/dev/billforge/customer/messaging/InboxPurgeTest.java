package dev.billforge.customer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.inbox.InboxPurge;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;

/**
 * The inbox keeps processed event ids for its retention (30 days by default) and no longer: older ids are purged,
 * more than one slice of them, while the recent ones, which a redelivery could still need, stay.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InboxPurgeTest {

    private static final String CONSUMER = "purge-test-" + UUID.randomUUID();

    @Inject
    Pool database;
    @Inject
    InboxPurge purge;

    @Test
    void idsOlderThanTheRetentionArePurgedAndRecentOnesKept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insert(12_345, now.minus(Duration.ofDays(31))); // more than one slice of 10,000
        insert(3, now.minus(Duration.ofDays(29)));
        insert(2, now);

        long purged = purge.purge().await().atMost(Duration.ofMinutes(1));

        assertTrue(purged >= 12_345, "purged " + purged);
        assertEquals(5L, database.preparedQuery("SELECT count(*) FROM customer.inbox_event WHERE consumer = $1")
                .execute(Tuple.of(CONSUMER)).await().indefinitely().iterator().next().getLong(0));
    }

    private void insert(int count, OffsetDateTime processedAt) {
        database.preparedQuery("INSERT INTO customer.inbox_event (consumer, event_id, event_type, processed_at)"
                + " SELECT $1, gen_random_uuid()::text, 'customer.created', $2 FROM generate_series(1, $3)")
                .execute(Tuple.of(CONSUMER, processedAt, count)).await().indefinitely();
    }
}
