package dev.billforge.invoicing.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.invoicing.domain.TaxRate;

/** The tenants' tax rates; every query takes the tenant. */
@ApplicationScoped
public class TaxRateStore implements PanacheRepositoryBase<TaxRate, UUID> {

    public Uni<TaxRate> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** Which of these tenants have any tax rate; one query. */
    public Uni<Set<String>> tenantsWithAny(Collection<String> tenantIds) {
        return tenantIds.isEmpty() ? Uni.createFrom().item(Set.of())
                : getSession().chain(session -> session.createSelectionQuery(
                        "select distinct tenantId from TaxRate where tenantId in :tenants", String.class)
                        .setParameter("tenants", Set.copyOf(tenantIds)).getResultList())
                        .map(Set::copyOf);
    }

    /** Whether the tenant has any tax rate: without one no invoice of theirs is taxed. */
    public Uni<Boolean> tenantHasAny(String tenantId) {
        return count("tenantId", tenantId).map(count -> count > 0);
    }

    /**
     * The newest rate for the region of {@code country} when there is one, else the newest for the whole country;
     * null when the tenant taxes neither.
     */
    public Uni<TaxRate> newestFor(String tenantId, String country, String region) {
        return find("tenantId = ?1 and country = ?2 and (region is null or region = ?3)"
                + " order by case when region is null then 1 else 0 end, createdAt desc, id desc",
                tenantId, country, region == null ? "" : region).firstResult();
    }

    /** Up to {@code fetch} of the tenant's rates, optionally one country's, newest first, after {@code cursor}. */
    public Uni<List<TaxRate>> page(String tenantId, String country, TaxRate cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("country", country).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
