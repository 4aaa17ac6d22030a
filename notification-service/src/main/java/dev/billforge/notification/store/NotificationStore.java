package dev.billforge.notification.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationType;

/**
 * Notifications in this service's schema. Every tenant-facing query takes the tenant; only the dispatcher's claim
 * spans tenants, because delivery works through everyone's pending notifications.
 */
@ApplicationScoped
public class NotificationStore implements PanacheRepositoryBase<Notification, UUID> {

    /** Locks due pending rows; rows another dispatcher holds are skipped, so no two replicas send one notification. */
    private static final String CLAIM_DUE_SQL = "SELECT * FROM {h-schema}notification"
            + " WHERE status = 'pending' AND next_attempt_at <= :now"
            + " ORDER BY next_attempt_at, id LIMIT :batch FOR UPDATE SKIP LOCKED";

    /** The tenant's notification, or null. */
    public Uni<Notification> findById(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** Whether the tenant already has a notification of {@code type} for the event. */
    public Uni<Boolean> existsForEvent(String tenantId, String eventId, NotificationType type) {
        return count("tenantId = ?1 and eventId = ?2 and type = ?3", tenantId, eventId, type).map(count -> count > 0);
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
     * Locks up to {@code batch} pending notifications due at {@code now}, oldest due first, for the current
     * transaction. Must run inside a transaction: the lock is what makes a claim exclusive.
     */
    public Uni<List<Notification>> claimDue(Instant now, int batch) {
        return getSession().flatMap(session -> session.createNativeQuery(CLAIM_DUE_SQL, Notification.class)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList());
    }
}
