package dev.billforge.chassis.directory;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;

/**
 * Keeps the {@link CustomerDirectory} up to date from {@code customer.created|updated|deleted} (one channel over
 * the three topics, configured in the chassis defaults). Only services that enable the directory have this bean.
 */
@ApplicationScoped
@IfBuildProperty(name = "billforge.customer-directory.enabled", stringValue = "true")
public class CustomerDirectoryConsumer {

    public static final String CHANNEL = "customer-directory";

    private final Inbox inbox;
    private final CustomerDirectory directory;

    public CustomerDirectoryConsumer(Inbox inbox, CustomerDirectory directory) {
        this.inbox = inbox;
        this.directory = directory;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        EventEnvelope<JsonNode> event = EventJson.read(payload);
        return inbox.withRetries(CHANNEL, event, () -> inbox.processOnce(CHANNEL, event, () -> switch (event.type()) {
            case "customer.created" -> directory.remember(event.tenantid(),
                    EventJson.data(event, EventCatalog.CUSTOMER_CREATED).customer(), event.time());
            case "customer.updated" -> directory.remember(event.tenantid(),
                    EventJson.data(event, EventCatalog.CUSTOMER_UPDATED).customer(), event.time());
            case "customer.deleted" -> {
                var deleted = EventJson.data(event, EventCatalog.CUSTOMER_DELETED);
                yield directory.forget(event.tenantid(), deleted.customerId(), deleted.deletedAt(), event.time());
            }
            default -> Uni.createFrom().voidItem(); // a newer customer event this service has no use for
        }));
    }
}
