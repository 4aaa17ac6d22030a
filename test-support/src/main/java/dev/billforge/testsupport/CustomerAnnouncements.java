package dev.billforge.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerSnapshot;

/**
 * Plays customer-service for services that keep a customer directory: publishes {@code customer.created} for a new
 * customer (time-ordered id, as customer-service mints them) on the test broker.
 */
public final class CustomerAnnouncements {

    private CustomerAnnouncements() {
    }

    /** Publishes {@code customer.created} and returns the new customer's id (the service learns of it shortly). */
    public static UUID announce(String tenantId, String billingEmail) {
        UUID id = TimeOrderedIds.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CustomerSnapshot customer = new CustomerSnapshot(id, billingEmail, "Test Customer", null, null, null, null,
                Map.of(), now, now);
        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.CUSTOMER_CREATED, "/customer-service", tenantId, id,
                new CustomerCreated(customer)));
        return id;
    }
}
