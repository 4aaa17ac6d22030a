package dev.billforge.subscription.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionStatus;

/** The tenants' subscriptions, always loaded with their plan (one join, no lazy loading). */
@ApplicationScoped
public class SubscriptionStore implements PanacheRepositoryBase<Subscription, UUID> {

    private static final String FROM = "from Subscription s join fetch s.plan";
    private static final String SELECT = FROM + " where s.tenantId = :tenant";

    public Uni<Subscription> find(String tenantId, UUID id) {
        return find(SELECT + " and s.id = :id", Parameters.with("tenant", tenantId).and("id", id)).firstResult();
    }

    /** Whether the customer already holds the plan through a live subscription. */
    public Uni<Boolean> holdsLive(String tenantId, UUID customerId, UUID planId) {
        return count("tenantId = ?1 and customerId = ?2 and plan.id = ?3 and status in ?4", tenantId, customerId,
                planId, SubscriptionStatus.LIVE).map(count -> count > 0);
    }

    /** Up to {@code fetch} subscriptions, newest first, after {@code cursor}, optionally of one customer or status. */
    public Uni<List<Subscription>> page(String tenantId, UUID customerId, SubscriptionStatus status,
            Subscription cursor, int fetch) {
        NewestFirst page = NewestFirst.select(FROM, "s", tenantId).where("customerId", customerId)
                .where("status", status).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
