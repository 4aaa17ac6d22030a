package dev.billforge.payment.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.DueScope;
import dev.billforge.payment.domain.Dunning;
import dev.billforge.payment.domain.DunningSettings;
import dev.billforge.payment.domain.DunningStatus;

/** Invoices being dunned and tenants' dunning settings, in this service's schema. */
@ApplicationScoped
public class DunningStore implements PanacheRepositoryBase<Dunning, UUID> {

    /*
     * SKIP LOCKED: replicas claiming at the same moment take different invoices, and an invoice whose failure is
     * being recorded right now is left for the next run instead of waited for.
     */
    private static final String DUE_SQL = "SELECT * FROM {h-schema}dunning d WHERE d.status = 'active'"
            + " AND d.next_retry_at <= :now AND " + DueScope.sqlCondition("d.tenant_id", ":tenants", ":only")
            // no charges while the subscription is paused (SubscriptionPauseConsumer)
            + " AND NOT EXISTS (SELECT 1 FROM {h-schema}subscription_pause p"
            + " WHERE p.subscription_id = d.subscription_id AND p.paused)"
            + " ORDER BY d.next_retry_at LIMIT :batch FOR UPDATE OF d SKIP LOCKED";

    /** The dunning of these invoices (any tenant's: the caller matches them), row-locked, in id order; one query. */
    public Uni<List<Dunning>> findAllForUpdate(Collection<UUID> invoiceIds) {
        return invoiceIds.isEmpty() ? Uni.createFrom().item(List.of())
                : find("invoiceId in ?1 order by id", Set.copyOf(invoiceIds)).withLock(LockModeType.PESSIMISTIC_WRITE)
                        .list();
    }

    /** The invoice's dunning, row-locked until the transaction ends, or null. */
    public Uni<Dunning> findForUpdate(String tenantId, UUID invoiceId) {
        return find("tenantId = ?1 and invoiceId = ?2", tenantId, invoiceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Dunning> findForTenant(String tenantId, UUID invoiceId) {
        return find("tenantId = ?1 and invoiceId = ?2", tenantId, invoiceId).firstResult();
    }

    /** The customer's invoices being dunned, row-locked. */
    public Uni<List<Dunning>> activeForCustomerForUpdate(String tenantId, UUID customerId) {
        return find("tenantId = ?1 and customerId = ?2 and status = ?3", tenantId, customerId, DunningStatus.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Claims up to {@code batch} invoices of the scope's tenants whose retry is due at the scope's time, most overdue
     * first, locked for the caller's transaction. Invoices of paused subscriptions wait.
     */
    public Uni<List<Dunning>> claimDue(DueScope scope, int batch) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DUE_SQL, Dunning.class)
                .setParameter("now", scope.now())
                .setParameter("tenants", scope.tenantArray())
                .setParameter("only", scope.onlyThese())
                .setParameter("batch", batch)
                .getResultList());
    }

    public Uni<DunningSettings> settings(String tenantId) {
        return Panache.getSession().chain(session -> session.find(DunningSettings.class, tenantId));
    }

    public Uni<DunningSettings> persistSettings(DunningSettings settings) {
        return Panache.getSession().chain(session -> session.persist(settings)).replaceWith(settings);
    }
}
