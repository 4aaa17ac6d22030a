package dev.billforge.payment.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.payment.domain.PaymentMethod;

/** Payment methods in this service's schema. Every query takes the tenant: there is no unscoped lookup. */
@ApplicationScoped
public class PaymentMethodStore implements PanacheRepositoryBase<PaymentMethod, UUID> {

    /** Transaction-scoped lock per customer; see {@link #lockCustomer}. */
    private static final String LOCK_SQL = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS held";

    /** An attached (not detached) payment method of the tenant, or null. */
    public Uni<PaymentMethod> findLive(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2 and detachedAt is null", tenantId, id).firstResult();
    }

    /** The attached (not detached) payment methods with these ids (any tenant's: the caller checks), one query. */
    public Uni<List<PaymentMethod>> findAllLive(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : find("id in ?1 and detachedAt is null", ids).list();
    }

    /** Any payment method of the tenant, detached or not: a page cursor or a payment may point at one. */
    public Uni<PaymentMethod> findAny(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** The default payment methods of these customers (any tenant's: the caller matches them); one query. */
    public Uni<List<PaymentMethod>> defaultsOf(Collection<UUID> customerIds) {
        return customerIds.isEmpty() ? Uni.createFrom().item(List.of())
                : find("customerId in ?1 and isDefault = true and detachedAt is null", Set.copyOf(customerIds)).list();
    }

    /** The customer's default payment method, or null. */
    public Uni<PaymentMethod> findDefault(String tenantId, UUID customerId) {
        return find("tenantId = ?1 and customerId = ?2 and isDefault = true and detachedAt is null", tenantId,
                customerId).firstResult();
    }

    /** Unsets the customer's default, if any; the caller sets the new one in the same transaction. */
    public Uni<Integer> clearDefault(String tenantId, UUID customerId) {
        return update("isDefault = false where tenantId = ?1 and customerId = ?2 and isDefault = true", tenantId,
                customerId);
    }

    /**
     * Serializes changes to one customer's payment methods until the transaction ends. Without it two concurrent
     * requests could both see "no default yet" (or both move the default) and the second would hit the one-default
     * index with a 500 instead of simply going second.
     */
    public Uni<Void> lockCustomer(String tenantId, UUID customerId) {
        return getSession().chain(session -> session.createNativeQuery(LOCK_SQL)
                .setParameter("key", "payment_method:" + tenantId + ":" + customerId)
                .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * The customer of an attached payment method of the tenant, or null, without loading the method: a caller
     * locks the customer first, then loads the method, and so sees any change a concurrent transaction committed.
     */
    public Uni<UUID> findCustomerOfLive(String tenantId, UUID id) {
        return getSession().chain(session -> session.createSelectionQuery("select customerId from PaymentMethod"
                + " where tenantId = :tenant and id = :id and detachedAt is null", UUID.class)
                .setParameter("tenant", tenantId)
                .setParameter("id", id)
                .getSingleResultOrNull());
    }

    /**
     * Up to {@code fetch} attached methods, newest first, strictly after {@code cursor} when given, optionally only
     * those of {@code customerId}.
     */
    public Uni<List<PaymentMethod>> page(String tenantId, UUID customerId, PaymentMethod cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("detachedAt is null").where("customerId", customerId)
                .after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
