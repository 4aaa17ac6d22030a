package dev.billforge.invoicing.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.invoicing.domain.PendingInvoiceItem;

/** Proration lines waiting for their subscription's next invoice. */
@ApplicationScoped
public class PendingInvoiceItemStore implements PanacheRepositoryBase<PendingInvoiceItem, UUID> {

    /** The subscription's pending items in the order they were made, unlocked: for a preview, which bills nothing. */
    public Uni<List<PendingInvoiceItem>> pendingForPreview(String tenantId, UUID subscriptionId) {
        return find("tenantId = ?1 and subscriptionId = ?2 and invoiceId is null order by seq", tenantId,
                subscriptionId).list();
    }

    /**
     * The pending items of these subscriptions (any tenant's: the caller matches them), in the order they were made,
     * locked so two invoices cannot both bill one; one query.
     */
    public Uni<List<PendingInvoiceItem>> pendingForAll(Collection<UUID> subscriptionIds) {
        return subscriptionIds.isEmpty() ? Uni.createFrom().item(List.of())
                : find("subscriptionId in ?1 and invoiceId is null order by seq", Set.copyOf(subscriptionIds))
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The subscription's pending items in the order they were made, locked so two invoices cannot both bill one. */
    public Uni<List<PendingInvoiceItem>> pendingFor(String tenantId, UUID subscriptionId) {
        return find("tenantId = ?1 and subscriptionId = ?2 and invoiceId is null order by seq", tenantId,
                subscriptionId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
