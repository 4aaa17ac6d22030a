package dev.billforge.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.customer.PostalAddress;

/**
 * Plays customer-service for services that keep a customer directory: publishes {@code customer.created} for a new
 * customer (time-ordered id, as customer-service mints them) on the test broker.
 */
public final class CustomerAnnouncements {

    private CustomerAnnouncements() {
    }

    /** Publishes {@code customer.created} and returns the new customer's id (the service learns of it shortly). */
    public static UUID announce(String tenantId, String billingEmail) {
        return announce(tenantId, billingEmail, "Test Customer", null, null);
    }

    /** The same, for a customer with a name, billing address and tax country (any may be null). */
    public static UUID announce(String tenantId, String billingEmail, String name, PostalAddress address,
            String taxCountry) {
        UUID id = TimeOrderedIds.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CustomerSnapshot customer = new CustomerSnapshot(id, billingEmail, name, null, null, address, taxCountry,
                Map.of(), now, now);
        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.CUSTOMER_CREATED, "/customer-service", tenantId, id,
                new CustomerCreated(customer)));
        return id;
    }
}
