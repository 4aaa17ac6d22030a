package dev.billforge.notification.store;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.notification.domain.WebhookEndpoint;

/** Tenants' webhook endpoints; every query takes the tenant. Deleted endpoints are kept for their delivery logs. */
@ApplicationScoped
public class WebhookEndpointStore implements PanacheRepositoryBase<WebhookEndpoint, UUID> {

    /** The tenant's endpoint, deleted or not, or null. */
    public Uni<WebhookEndpoint> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** The tenant's endpoints that receive events. */
    public Uni<List<WebhookEndpoint>> live(String tenantId) {
        return list("tenantId = ?1 and deletedAt is null", tenantId);
    }

    /** Those of {@code tenants} that have an endpoint receiving events. */
    public Uni<Set<String>> tenantsWithLiveEndpoints(Set<String> tenants) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select distinct e.tenantId from WebhookEndpoint e where e.tenantId in (:tenants) and e.deletedAt is null",
                String.class).setParameter("tenants", tenants).getResultList())
                .map(Set::copyOf);
    }

    public Uni<List<WebhookEndpoint>> page(String tenantId, WebhookEndpoint cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("deletedAt is null").after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
