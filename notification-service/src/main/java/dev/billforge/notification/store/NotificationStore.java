package dev.billforge.notification.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.jobs.LeasedClaims;
import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationType;

/**
 * Notifications in this service's schema. Every tenant-facing query takes the tenant; only the dispatcher's claim
 * spans tenants, because delivery works through everyone's pending notifications.
 */
@ApplicationScoped
public class NotificationStore implements PanacheRepositoryBase<Notification, UUID> {

    /*
     * Only receipts still waiting for their invoice: due exactly when that wait ends (created_at plus the configured
     * receipt-invoice-wait; a receipt recorded under another setting is not woken, and goes when its own wait ends).
     * A claimed receipt is due when its lease ends instead, and must not be made due again while a pass may be
     * sending it. notification_pending_receipt_idx answers the tenants and invoices.
     */
    private static final String WAKE_RECEIPTS_SQL = "WITH woken AS (UPDATE {h-schema}notification"
            + " SET next_attempt_at = :now WHERE status = 'pending' AND type = 'payment_receipt'"
            + " AND tenant_id IN (:tenants) AND invoice_id IN (:invoices) AND next_attempt_at > :now"
            + " AND next_attempt_at = created_at + :waitMicros * interval '1 microsecond' RETURNING 1)"
            + " SELECT count(*) FROM (SELECT pg_notify(:channel, '') FROM (SELECT 1 FROM woken LIMIT 1) AS any_woken)"
            + " AS notified";

    private final LeasedClaims due;
    private final String channel;

    public NotificationStore(Pool database, ChassisConfig config) {
        this.due = new LeasedClaims(database, config.db().schema() + ".notification", "next_attempt_at",
                "status = 'pending'");
        // The dispatcher listens there; cut to 63 characters as LISTEN and the chassis' trigger cut it.
        String channel = config.db().schema() + "_notification";
        this.channel = channel.length() > 63 ? channel.substring(0, 63) : channel;
    }

    /**
     * Makes the receipts of these invoices that wait for them (recorded due when a wait of {@code invoiceWait} ends)
     * due now, and wakes the dispatcher when there were any; one statement, in the caller's transaction. A tenant and
     * an invoice id of different pairs may match too: waking a receipt early only makes the dispatcher look again.
     */
    public Uni<Void> wakeReceiptsOf(Collection<String> tenantIds, Collection<UUID> invoiceIds, Duration invoiceWait,
            Instant now) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return getSession().chain(session -> session.createNativeQuery(WAKE_RECEIPTS_SQL, Long.class)
                .setParameter("channel", channel)
                .setParameter("now", now)
                .setParameter("tenants", Set.copyOf(tenantIds))
                .setParameter("invoices", Set.copyOf(invoiceIds))
                .setParameter("waitMicros", invoiceWait.toNanos() / 1_000)
                .getSingleResult())
                .replaceWithVoid();
    }

    /** The tenant's notification, or null. */
    public Uni<Notification> findById(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /**
     * Which of these events have a notification already, as {@code tenant + '\n' + event id + '\n' + type}; one
     * query.
     */
    public Uni<Set<String>> recordedForEvents(Collection<String> tenantIds, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // The tenants lead so the unique index (tenant_id, event_id, type) answers; by event alone it is a scan.
        return getSession().chain(session -> session.createSelectionQuery("select tenantId, eventId, type"
                + " from Notification where tenantId in :tenants and eventId in :events", Object[].class)
                .setParameter("tenants", Set.copyOf(tenantIds))
                .setParameter("events", Set.copyOf(eventIds)).getResultList())
                .map(rows -> {
                    Set<String> keys = new HashSet<>();
                    rows.forEach(row -> keys.add(row[0] + "\n" + row[1] + "\n" + row[2]));
                    return keys;
                });
    }

    /**
     * Up to {@code fetch} notifications, newest first, strictly after {@code cursor} when given, optionally only
     * those of one customer and/or of one type.
     */
    public Uni<List<Notification>> page(String tenantId, UUID customerId, NotificationType type, Notification cursor,
            int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("customerId", customerId).where("type", type).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }

    /**
     * Claims up to {@code batch} pending notifications of any tenant due at {@code now}, leased to this replica until
     * {@code leaseUntil} (no other replica sends them meanwhile). Runs on its own, outside any transaction.
     */
    public Uni<List<LeasedClaims.Claimed>> claimDue(Instant now, Instant leaseUntil, int batch) {
        return due.claim(now, leaseUntil, batch);
    }

    /**
     * The notifications of these ids (any tenant's: the caller matches them), row-locked until the transaction ends,
     * in id order; one query.
     */
    public Uni<List<Notification>> findAllForUpdate(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : find("id in ?1 order by id", Set.copyOf(ids)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The tenant's notification, row-locked until the transaction ends, or null. */
    public Uni<Notification> findForUpdate(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
