package dev.billforge.events;

import java.util.List;
import java.util.Optional;

import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerUpdated;

/** Every published event type. A type not listed here is not part of the contract. */
public final class EventCatalog {

    public static final EventType<CustomerCreated> CUSTOMER_CREATED =
            new EventType<>("customer.created", 1, Topics.CUSTOMER_CREATED, CustomerCreated.class);
    public static final EventType<CustomerUpdated> CUSTOMER_UPDATED =
            new EventType<>("customer.updated", 1, Topics.CUSTOMER_UPDATED, CustomerUpdated.class);
    public static final EventType<CustomerDeleted> CUSTOMER_DELETED =
            new EventType<>("customer.deleted", 1, Topics.CUSTOMER_DELETED, CustomerDeleted.class);

    public static final List<EventType<?>> ALL = List.of(CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_DELETED);

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }

    private EventCatalog() {
    }
}
