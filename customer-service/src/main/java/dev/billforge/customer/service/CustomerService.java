package dev.billforge.customer.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.secrets.PersonalData;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.customer.domain.Customer;
import dev.billforge.customer.domain.CustomerBalance;
import dev.billforge.customer.domain.CustomerChanges;
import dev.billforge.customer.domain.CustomerDetails;
import dev.billforge.customer.messaging.CustomerEvents;
import dev.billforge.customer.store.CustomerBalanceStore;
import dev.billforge.customer.store.CustomerStore;
import dev.billforge.events.EventCatalog;

/**
 * Customer use cases. Each change and the event announcing it commit in one transaction (through the outbox).
 */
@ApplicationScoped
public class CustomerService {

    private final CustomerStore store;
    private final CustomerBalanceStore balances;
    private final PersonalData personalData;
    private final Outbox outbox;
    private final BusinessClock clock;

    public CustomerService(CustomerStore store, CustomerBalanceStore balances, Outbox outbox, BusinessClock clock,
            PersonalData personalData) {
        this.balances = balances;
        this.personalData = personalData;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    @BillingOperation("create_customer")
    public Uni<Customer> create(String tenantId, CustomerDetails details) {
        // Time-ordered ids let other services tell a just-created customer from an unknown one (CustomerDirectory).
        Customer customer = Customer.create(TimeOrderedIds.next(), tenantId, details, clock.now(tenantId));
        customer.indexEmail(personalData.blindIndex(tenantId, customer.billingEmail()));
        return store.persist(customer)
                .call(created -> outbox.publish(EventCatalog.CUSTOMER_CREATED, tenantId, created.id(),
                        CustomerEvents.created(created)));
    }

    @WithSession
    public Uni<Customer> get(String tenantId, UUID id) {
        return live(tenantId, id);
    }

    /**
     * Records a customer's balance as invoicing-service announced it ({@code customer_balance.changed}), unless a
     * newer version was recorded; inside the consumer's inbox transaction.
     */
    public Uni<Void> recordBalance(String tenantId, UUID customerId, String currency, long balance, long version,
            Instant changedAt) {
        return balances.apply(tenantId, customerId, currency, balance, version, changedAt);
    }

    /** The live customer's balances, one per currency (404 {@code customer_not_found} otherwise). */
    @WithSession
    public Uni<List<CustomerBalance>> balances(String tenantId, UUID id) {
        return live(tenantId, id).chain(customer -> balances.of(tenantId, customer.id()));
    }

    @WithSession
    public Uni<Page<Customer>> list(String tenantId, String email, List<UUID> ids, PageRequest page) {
        return page.cursor(id -> store.findAny(tenantId, id), "customer")
                .flatMap(after -> store.page(tenantId,
                        email == null ? null : personalData.blindIndex(tenantId, email), ids, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    @WithTransaction
    @BillingOperation("update_customer")
    public Uni<Customer> update(String tenantId, UUID id, CustomerChanges changes) {
        return live(tenantId, id).call(customer -> {
            var changed = customer.apply(changes, clock.now(tenantId));
            customer.indexEmail(personalData.blindIndex(tenantId, customer.billingEmail()));
            return changed.isEmpty() ? Uni.createFrom().voidItem()
                    : outbox.publish(EventCatalog.CUSTOMER_UPDATED, tenantId, id, CustomerEvents.updated(customer, changed));
        });
    }

    @WithTransaction
    @BillingOperation("delete_customer")
    public Uni<Customer> delete(String tenantId, UUID id) {
        return live(tenantId, id).call(customer -> {
            customer.delete(clock.now(tenantId));
            return outbox.publish(EventCatalog.CUSTOMER_DELETED, tenantId, id, CustomerEvents.deleted(customer));
        });
    }

    private Uni<Customer> live(String tenantId, UUID id) {
        return store.findLive(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.CUSTOMER_NOT_FOUND, "customer", id));
    }
}
