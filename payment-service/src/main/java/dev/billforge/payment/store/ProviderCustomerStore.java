package dev.billforge.payment.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Which customer of a provider (Stripe's {@code cus_...}) stands for which of our customers. */
@ApplicationScoped
public class ProviderCustomerStore {

    private static final String FIND_SQL = "SELECT provider_customer_id FROM {h-schema}provider_customer"
            + " WHERE tenant_id = :tenant AND customer_id = :customer AND provider = :provider";
    /** The first mapping written wins: a concurrent attach that created the same customer reads it back. */
    private static final String INSERT_SQL = "INSERT INTO {h-schema}provider_customer"
            + " (tenant_id, customer_id, provider, provider_customer_id, created_at)"
            + " VALUES (:tenant, :customer, :provider, :providerCustomer, :now) ON CONFLICT DO NOTHING";

    /** The provider's id of the customer, or null when none was created yet. */
    public Uni<String> find(String tenantId, UUID customerId, String provider) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND_SQL, String.class)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .setParameter("provider", provider)
                .getSingleResultOrNull());
    }

    public Uni<Void> insertUnlessPresent(String tenantId, UUID customerId, String provider, String providerCustomerId,
            Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .setParameter("provider", provider)
                .setParameter("providerCustomer", providerCustomerId)
                .setParameter("now", now)
                .executeUpdate())
                .replaceWithVoid();
    }
}
