package dev.billforge.chassis.directory;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import dev.billforge.chassis.inbox.EventRoutes;
import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;

/**
 * Keeps the {@link CustomerDirectory} up to date from {@code customer.created|updated|deleted} (one channel over
 * the three topics, configured in the chassis defaults). Only services that enable the directory have this bean.
 */
@ApplicationScoped
@IfBuildProperty(name = "billforge.customer-directory.enabled", stringValue = "true")
public class CustomerDirectoryConsumer {

    public static final String CHANNEL = "customer-directory";

    private final Inbox inbox;
    private final EventRoutes routes;

    public CustomerDirectoryConsumer(Inbox inbox, CustomerDirectory directory) {
        this.inbox = inbox;
        this.routes = EventRoutes.builder()
                .on(EventCatalog.CUSTOMER_CREATED, CHANNEL,
                        (event, created) -> directory.remember(event.tenantid(), created.customer(), event.time()))
                .on(EventCatalog.CUSTOMER_UPDATED, CHANNEL,
                        (event, updated) -> directory.remember(event.tenantid(), updated.customer(), event.time()))
                .on(EventCatalog.CUSTOMER_DELETED, CHANNEL, (event, deleted) -> directory.forget(event.tenantid(),
                        deleted.customerId(), deleted.deletedAt(), event.time()))
                .buildFor(CHANNEL);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, routes);
    }
}
