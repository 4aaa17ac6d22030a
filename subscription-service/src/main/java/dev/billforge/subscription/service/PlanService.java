package dev.billforge.subscription.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.subscription.domain.Plan;
import dev.billforge.subscription.domain.PlanChanges;
import dev.billforge.subscription.domain.PlanDetails;
import dev.billforge.subscription.store.PlanStore;

/** The tenant's catalogue of plans. Plans publish no events: subscriptions carry a copy of their price. */
@ApplicationScoped
public class PlanService {

    private final PlanStore store;
    private final BusinessClock clock;

    public PlanService(PlanStore store, BusinessClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Plan> create(String tenantId, PlanDetails details) {
        return store.persist(Plan.create(TimeOrderedIds.next(), tenantId, details, clock.now(tenantId)));
    }

    @WithSession
    public Uni<Plan> get(String tenantId, UUID id) {
        return existing(tenantId, id);
    }

    @WithSession
    public Uni<Page<Plan>> list(String tenantId, Boolean active, List<UUID> ids, PageRequest page) {
        return page.cursor(id -> store.find(tenantId, id), "plan")
                .flatMap(after -> store.page(tenantId, active, ids, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    @WithTransaction
    public Uni<Plan> update(String tenantId, UUID id, PlanChanges changes) {
        return existing(tenantId, id).invoke(plan -> plan.apply(changes, clock.now(tenantId)));
    }

    private Uni<Plan> existing(String tenantId, UUID id) {
        return store.find(tenantId,
                id).onItem().ifNull().failWith(() -> ResourceIds.notFound(ErrorCode.PLAN_NOT_FOUND, "plan", id));
    }
}
