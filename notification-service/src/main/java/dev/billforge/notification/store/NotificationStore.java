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
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.secrets.PersonalData;
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
    private static final String WAKE_RECEIPTS_SQL = "WITH woken AS (UPDATE {h-schema}notification AS n"
            + " SET next_attempt_at = $3::timestamptz FROM unnest($1::text[], $2::uuid[]) AS i (tenant_id, invoice_id)"
            + " WHERE n.tenant_id = i.tenant_id AND n.invoice_id = i.invoice_id"
            + " AND n.status = 'pending' AND n.type = 'payment_receipt' AND n.next_attempt_at > $3"
            + " AND n.next_attempt_at = n.created_at + $4::bigint * interval '1 microsecond' RETURNING 1)"
            + " SELECT count(*) FROM (SELECT pg_notify($5::text, '') FROM (SELECT 1 FROM woken LIMIT 1) AS any_woken)"
            + " AS notified";

    private static final String INSERT_ALL_SQL = "INSERT INTO {h-schema}notification (id, tenant_id, customer_id,"
            + " type, channel, recipient, subject, body, status, event_id, event_type, invoice_id, payment_id,"
            + " subscription_id, created_at, attempts, next_attempt_at, trace_parent)"
            + " SELECT id, tenant_id, customer_id, type, channel, recipient, subject, body, 'pending', event_id,"
            + " event_type, invoice_id, payment_id, subscription_id, created_at, 0, next_attempt_at, trace_parent"
            + " FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],"
            + " $8::text[], $9::text[], $10::text[], $11::uuid[], $12::uuid[], $13::uuid[], $14::timestamptz[],"
            + " $15::timestamptz[], $16::text[]) AS n (id, tenant_id, customer_id, type, channel, recipient, subject,"
            + " body, event_id, event_type, invoice_id, payment_id, subscription_id, created_at, next_attempt_at,"
            + " trace_parent)"
            // Never a second notification of one type for one event: the caller checked, and this holds if it raced.
            + " ON CONFLICT (tenant_id, event_id, type) DO NOTHING";

    /* Only rows still pending and leased to the pass that sent them (see NotificationDispatcher). */
    private static final String RECORD_OUTCOMES_SQL = "UPDATE {h-schema}notification AS n SET status = o.status,"
            + " sent_at = o.sent_at, attempts = o.attempts, last_error = o.last_error,"
            + " next_attempt_at = o.next_attempt_at"
            + " FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::timestamptz[])"
            + " AS o (id, status, sent_at, attempts, last_error, next_attempt_at)"
            + " WHERE n.id = o.id AND n.status = 'pending' AND n.next_attempt_at = $7";

    /* The unique index (tenant_id, event_id, type) answers each asked pair. */
    private static final String RECORDED_FOR_EVENTS_SQL = "SELECT DISTINCT n.tenant_id, n.event_id, n.type"
            + " FROM {h-schema}notification AS n JOIN unnest($1::text[], $2::text[]) AS e (tenant_id, event_id)"
            + " ON n.tenant_id = e.tenant_id AND n.event_id = e.event_id";

    private final LeasedClaims due;
    private final String channel;
    private final SessionSql sql;
    private final PersonalData personalData;

    public NotificationStore(Pool database, ChassisConfig config, SessionSql sql, PersonalData personalData) {
        this.sql = sql;
        this.personalData = personalData;
        this.due = new LeasedClaims(database, config.db().schema() + ".notification", "next_attempt_at",
                "status = 'pending'");
        // The dispatcher listens there; cut to 63 characters as LISTEN and the chassis' trigger cut it.
        String channel = config.db().schema() + "_notification";
        this.channel = channel.length() > 63 ? channel.substring(0, 63) : channel;
    }

    /**
     * Makes the receipts of these invoices that wait for them (recorded due when a wait of {@code invoiceWait} ends)
     * due now (the tenant at each index with the invoice id at the same index), and wakes the dispatcher when there
     * were any; one statement, in the caller's transaction.
     */
    public Uni<Void> wakeReceiptsOf(List<String> tenantIds, List<UUID> invoiceIds, Duration invoiceWait,
            Instant now) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.select(WAKE_RECEIPTS_SQL, SessionSql.texts(tenantIds), SessionSql.uuids(invoiceIds),
                SessionSql.timestamp(now), invoiceWait.toNanos() / 1_000, channel)
                .replaceWithVoid();
    }

    /**
     * Writes new pending notifications with one statement, their personal data sealed; runs in the caller's
     * transaction. One whose event has a notification of its type already is not written.
     */
    public Uni<Void> insertAll(List<Notification> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.update(INSERT_ALL_SQL, SessionSql.column(fresh, Notification::id, new UUID[0]),
                SessionSql.column(fresh, Notification::tenantId, new String[0]),
                SessionSql.column(fresh, Notification::customerId, new UUID[0]),
                SessionSql.column(fresh, n -> n.type().wire(), new String[0]),
                SessionSql.column(fresh, Notification::channel, new String[0]),
                SessionSql.column(fresh, n -> sealed(n.recipient()), new String[0]),
                SessionSql.column(fresh, n -> sealed(n.subject()), new String[0]),
                SessionSql.column(fresh, n -> sealed(n.body()), new String[0]),
                SessionSql.column(fresh, Notification::eventId, new String[0]),
                SessionSql.column(fresh, Notification::eventType, new String[0]),
                SessionSql.column(fresh, Notification::invoiceId, new UUID[0]),
                SessionSql.column(fresh, Notification::paymentId, new UUID[0]),
                SessionSql.column(fresh, Notification::subscriptionId, new UUID[0]),
                SessionSql.instants(fresh, Notification::createdAt),
                SessionSql.instants(fresh, Notification::nextAttemptAt),
                SessionSql.column(fresh, Notification::traceParent, new String[0]))
                .replaceWithVoid();
    }

    /**
     * Writes what sending did to these notifications (sent, or the failure, its attempt counted and the retry due),
     * with one statement; only to those still pending and leased until {@code leaseUntil}, so an outcome recorded
     * after the lease ran out (another pass may have them) changes nothing. Runs in the caller's transaction.
     */
    public Uni<Void> recordOutcomes(List<Notification> outcomes, Instant leaseUntil) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.update(RECORD_OUTCOMES_SQL, SessionSql.column(outcomes, Notification::id, new UUID[0]),
                SessionSql.column(outcomes, n -> n.status().wire(), new String[0]),
                SessionSql.instants(outcomes, Notification::sentAt),
                SessionSql.column(outcomes, Notification::attempts, new Integer[0]),
                SessionSql.column(outcomes, n -> sealed(n.lastError()), new String[0]),
                SessionSql.instants(outcomes, Notification::nextAttemptAt),
                SessionSql.timestamp(leaseUntil))
                .replaceWithVoid();
    }

    private String sealed(String personal) {
        return personal == null ? null : personalData.seal(personal);
    }

    /** The tenant's notification, or null. */
    public Uni<Notification> findById(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /**
     * Which of these events (the tenant at each index with the event id at the same index) have a notification
     * already, as {@code tenant + '\n' + event id + '\n' + type} (the type's wire name, as stored); one query.
     */
    public Uni<Set<String>> recordedForEvents(List<String> tenantIds, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(RECORDED_FOR_EVENTS_SQL, SessionSql.texts(tenantIds), SessionSql.texts(eventIds))
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
