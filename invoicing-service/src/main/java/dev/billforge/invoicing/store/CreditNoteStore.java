package dev.billforge.invoicing.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.invoicing.domain.CreditNote;

/** Credit notes in this service's schema; every query takes the tenant. */
@ApplicationScoped
public class CreditNoteStore implements PanacheRepositoryBase<CreditNote, UUID> {

    public Uni<CreditNote> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** Whether the refund has its credit note already (a redelivered {@code payment.refunded}). */
    public Uni<Boolean> existsForRefund(String tenantId, UUID refundId) {
        return count("tenantId = ?1 and refundId = ?2", tenantId, refundId).map(count -> count > 0);
    }

    /** The invoice's credit notes, oldest first. */
    /** The credit notes of these invoices (any tenant's: the caller matches them), oldest first; one query. */
    public Uni<List<CreditNote>> ofInvoices(Collection<UUID> invoiceIds) {
        return invoiceIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("invoiceId in ?1 order by createdAt, id", Set.copyOf(invoiceIds));
    }

    public Uni<List<CreditNote>> ofInvoice(String tenantId, UUID invoiceId) {
        return list("tenantId = ?1 and invoiceId = ?2 order by createdAt, id", tenantId, invoiceId);
    }

    /** Up to {@code fetch} credit notes, by invoice and customer when given, newest first, after {@code cursor}. */
    public Uni<List<CreditNote>> page(String tenantId, UUID invoiceId, UUID customerId, CreditNote cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("invoiceId", invoiceId).where("customerId", customerId)
                .after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
