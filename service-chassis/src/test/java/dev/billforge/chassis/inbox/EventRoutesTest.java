package dev.billforge.chassis.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.Topics;
import dev.billforge.events.customer.CustomerDeleted;

class EventRoutesTest {

    // Set before anything reads the configuration (which may keep what it read).
    static {
        System.setProperty("mp.messaging.incoming.reads-deletions.topics", Topics.CUSTOMER_DELETED);
        System.setProperty("mp.messaging.incoming.reads-two.topics",
                Topics.CUSTOMER_DELETED + "," + Topics.CUSTOMER_CREATED);
        System.setProperty("mp.messaging.incoming.reads-creations.topics", Topics.CUSTOMER_CREATED);
    }

    private final List<String> applied = new ArrayList<>();

    private static String deleted() {
        return EventJson.write(EventEnvelope.of(EventCatalog.CUSTOMER_DELETED, UUID.randomUUID().toString(), "/test",
                "c-1", Instant.parse("2026-12-02T10:00:00Z"), "acme",
                new CustomerDeleted(UUID.randomUUID(), Instant.parse("2026-12-02T10:00:00Z"))));
    }

    private EventRoutes.Builder deletions() {
        return EventRoutes.builder().on(EventCatalog.CUSTOMER_DELETED, "customer-deleted", (event, data) -> {
            applied.add(event.id());
            return Uni.createFrom().voidItem();
        });
    }

    @Test
    void aRecordIsReadByItsTopicsRouteUnderThatRoutesConsumerName() {
        EventRoutes routes = deletions().buildFor("reads-deletions");
        String payload = deleted();

        EventRoutes.Delivery delivery = routes.read(Topics.CUSTOMER_DELETED, payload);
        assertEquals("customer-deleted", delivery.consumer());
        assertTrue(applied.isEmpty(), "reading applies nothing");
        delivery.effect().get().await().indefinitely();
        assertEquals(List.of(delivery.event().id()), applied);
    }

    @Test
    void aRecordOfAnotherTypeOrAnUnroutedTopicOrGarbageIsMalformed() {
        EventRoutes routes = deletions().buildFor("reads-two");
        assertThrows(EventJson.MalformedEventException.class, () -> routes.read(Topics.CUSTOMER_CREATED, deleted()));
        assertThrows(EventJson.MalformedEventException.class,
                () -> routes.read(Topics.CUSTOMER_DELETED, "{\"not\":\"an event\"}"));
        assertThrows(EventJson.MalformedEventException.class, () -> routes.read(Topics.CUSTOMER_UPDATED, deleted()));
    }

    @Test
    void everyOtherTopicIsReadAsAnEnvelopeWhenSuchARouteExists() {
        EventRoutes routes = deletions().onEveryOtherTopic("webhooks", (event, payload) -> Uni.createFrom().voidItem())
                .buildFor("reads-deletions");
        assertEquals("webhooks", routes.read("some.new_topic", deleted()).consumer());
        assertEquals("customer-deleted", routes.read(Topics.CUSTOMER_DELETED, deleted()).consumer());
    }

    @Test
    void aRoutedTopicTheChannelDoesNotReadStopsTheServiceFromStarting() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> deletions().buildFor("reads-creations"));
        assertTrue(refused.getMessage().contains(Topics.CUSTOMER_DELETED), refused.getMessage());
    }

    @Test
    void twoRoutesForOneTopicAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> deletions().on(EventCatalog.CUSTOMER_DELETED, "again",
                (event, data) -> Uni.createFrom().voidItem()));
    }
}
