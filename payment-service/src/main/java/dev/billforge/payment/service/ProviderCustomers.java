package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.KnownCustomer;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.payment.provider.CustomerProfile;
import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.ProviderCredentials;
import dev.billforge.payment.store.ProviderCustomerStore;

/**
 * Our customers as the providers know them. A provider customer is created the first time one is needed (the first
 * payment method attached through that provider) and remembered; the provider call runs outside any transaction,
 * and two concurrent first attaches end up with the one the provider returned for the same idempotency key.
 */
@ApplicationScoped
public class ProviderCustomers {

    private final ProviderCustomerStore store;
    private final BusinessClock clock;

    public ProviderCustomers(ProviderCustomerStore store, BusinessClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The provider's id of {@code customer}, created now if the provider has none yet; null for a provider without
     * customer records.
     */
    public Uni<String> ensure(KnownCustomer customer, PaymentProvider provider, ProviderCredentials credentials) {
        String name = provider.name();
        return Panache.withSession(() -> store.find(customer.tenantId, customer.customerId, name))
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : provider.createCustomer(credentials,
                                new CustomerProfile(customer.customerId, customer.billingEmail, customer.name))
                                .chain(created -> created == null ? Uni.createFrom().nullItem()
                                        : Panache.withTransaction(() -> store.insertUnlessPresent(customer.tenantId,
                                                customer.customerId, name, created, clock.now(customer.tenantId))
                                                .chain(() -> store.find(customer.tenantId, customer.customerId,
                                                        name)))));
    }
}
