package dev.billforge.notification.service;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventEnvelope;
import dev.billforge.notification.domain.WebhookDelivery;
import dev.billforge.notification.store.WebhookDeliveryStore;
import dev.billforge.notification.store.WebhookEndpointStore;

/**
 * Queues each billing event for every endpoint of its tenant that subscribed to its type, in the transaction that
 * records the event as consumed: an event is never lost between the broker and the delivery log, and queued once
 * per endpoint.
 */
@ApplicationScoped
public class WebhookFanOut {

    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final Clock clock;

    public WebhookFanOut(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Those of {@code tenants} with an endpoint that receives events: the only ones whose events are queued. */
    public Uni<Set<String>> tenantsWithEndpoints(Set<String> tenants) {
        return endpoints.tenantsWithLiveEndpoints(tenants);
    }

    /** @param payload the event exactly as published: what the endpoints receive */
    public Uni<Void> queue(EventEnvelope<JsonNode> event, String payload) {
        return endpoints.live(event.tenantid())
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .filter(endpoint -> endpoint.wants(event.type()))
                .onItem().transformToUniAndConcatenate(endpoint -> deliveries.queued(endpoint.id(), event.id())
                        .chain(queued -> queued ? Uni.createFrom().voidItem()
                                : deliveries.persist(WebhookDelivery.queue(TimeOrderedIds.next(), endpoint,
                                        event.id(), event.type(), payload, clock.instant())).replaceWithVoid()))
                .collect().asList()
                .replaceWithVoid();
    }
}
