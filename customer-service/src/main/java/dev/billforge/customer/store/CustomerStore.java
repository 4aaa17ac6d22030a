package dev.billforge.customer.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.customer.domain.Customer;

/** Customers in this service's schema. Every query takes the tenant: there is no unscoped lookup. */
@ApplicationScoped
public class CustomerStore implements PanacheRepositoryBase<Customer, UUID> {

    /** A live (not deleted) customer of the tenant, or null. */
    public Uni<Customer> findLive(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2 and deletedAt is null", tenantId, id).firstResult();
    }

    /** Any customer of the tenant, deleted or not: a page cursor may point at one deleted since. */
    public Uni<Customer> findAny(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /**
     * Up to {@code fetch} live customers, newest first, strictly after {@code cursor} when given, optionally only
     * those whose billing email has the blind index {@code emailIndex} (the email is sealed: SQL cannot compare it)
     * and those of {@code ids}.
     */
    public Uni<List<Customer>> page(String tenantId, String emailIndex, List<UUID> ids, Customer cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("deletedAt is null")
                .where("billingEmailIndex = :emailIndex", "emailIndex", emailIndex).whereIn("id", ids)
                .after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
