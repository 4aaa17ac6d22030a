package dev.billforge.customer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import dev.billforge.chassis.inbox.EventRoutes;
import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.customer.service.CustomerService;
import dev.billforge.events.EventCatalog;

/**
 * Keeps customer-service's copy of customers' balances from {@code customer_balance.changed} (invoicing-service owns
 * the balance), applied once per event id in the batch's transaction (chassis {@link Inbox}).
 */
@ApplicationScoped
public class CustomerBalanceConsumer {

    public static final String CHANNEL = "customer-balances";

    private final Inbox inbox;
    private final EventRoutes routes;

    public CustomerBalanceConsumer(Inbox inbox, CustomerService customers) {
        this.inbox = inbox;
        this.routes = EventRoutes.builder()
                .on(EventCatalog.CUSTOMER_BALANCE_CHANGED, CHANNEL, (event, changed) -> customers.recordBalance(
                        event.tenantid(), changed.customerId(), changed.currency(), changed.balance(),
                        changed.version(), changed.changedAt()))
                .buildFor(CHANNEL);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, routes);
    }
}
