package dev.billforge.notification.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.notification.domain.WebhookDelivery;

/** Webhook deliveries, the tenants' delivery logs. Every query takes the tenant, except the dispatcher's claim. */
@ApplicationScoped
public class WebhookDeliveryStore implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /** A delivery whose attempt is due, claimed by this replica until its lease ends. */
    public record ClaimedDelivery(String tenantId, UUID deliveryId) {
    }

    private final Pool database;
    private final String claimSql;

    public WebhookDeliveryStore(Pool database, ChassisConfig config) {
        this.database = database;
        String table = config.db().schema() + ".webhook_delivery";
        // SKIP LOCKED keeps replicas claiming at the same moment apart; moving next_attempt_at to the lease's end
        // keeps a claimed delivery away from every replica while its attempt is made (outside any transaction).
        this.claimSql = "UPDATE " + table + " SET next_attempt_at = $1 WHERE id IN (SELECT id FROM " + table
                + " WHERE status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $3"
                + " FOR UPDATE SKIP LOCKED) RETURNING tenant_id, id";
    }

    /** Claims up to {@code batch} due deliveries of any tenant, leased to this replica until {@code leaseUntil}. */
    public Uni<List<ClaimedDelivery>> claimDue(Instant now, Instant leaseUntil, int batch) {
        return database.preparedQuery(claimSql)
                .execute(Tuple.of(OffsetDateTime.ofInstant(leaseUntil, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC), batch))
                .map(rows -> {
                    List<ClaimedDelivery> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(new ClaimedDelivery(row.getString("tenant_id"), row.getUUID("id"))));
                    return claimed;
                });
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
