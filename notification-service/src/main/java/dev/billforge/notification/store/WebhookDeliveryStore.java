package dev.billforge.notification.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.chassis.jobs.LeasedClaims;
import dev.billforge.notification.domain.WebhookDelivery;

/** Webhook deliveries, the tenants' delivery logs. Every query takes the tenant, except the dispatcher's claim. */
@ApplicationScoped
public class WebhookDeliveryStore implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    private final LeasedClaims due;

    public WebhookDeliveryStore(Pool database, ChassisConfig config) {
        this.due = new LeasedClaims(database, config.db().schema() + ".webhook_delivery", "next_attempt_at",
                "status = 'pending'");
    }

    /** Claims up to {@code batch} due deliveries of any tenant, leased to this replica until {@code leaseUntil}. */
    public Uni<List<LeasedClaims.Claimed>> claimDue(Instant now, Instant leaseUntil, int batch) {
        return due.claim(now, leaseUntil, batch);
    }

    public Uni<WebhookDelivery> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public Uni<WebhookDelivery> findForUpdate(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Whether the endpoint has this event queued already (a redelivered event queues nothing more). */
    public Uni<Boolean> queued(UUID endpointId, String eventId) {
        return count("endpointId = ?1 and eventId = ?2 and replayOf is null", endpointId, eventId)
                .map(count -> count > 0);
    }

    public Uni<List<WebhookDelivery>> page(String tenantId, UUID endpointId, WebhookDelivery cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("endpointId", endpointId).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }
}
