package dev.billforge.subscription.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.subscription.domain.Plan;

/** The tenants' plans. Every query takes the tenant: there is no unscoped lookup. */
@ApplicationScoped
public class PlanStore implements PanacheRepositoryBase<Plan, UUID> {

    public Uni<Plan> find(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** Up to {@code fetch} plans, newest first, after {@code cursor}; only active (or inactive) ones if asked. */
    public Uni<List<Plan>> page(String tenantId, Boolean active, List<UUID> ids, Plan cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("active", active).whereIn("id", ids).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
