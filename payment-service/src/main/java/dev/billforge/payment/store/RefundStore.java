package dev.billforge.payment.store;

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
import dev.billforge.payment.domain.Refund;

/** Refunds in this service's schema. Every query takes the tenant, except the recovery job's claim. */
@ApplicationScoped
public class RefundStore implements PanacheRepositoryBase<Refund, UUID> {

    /** A refund whose provider call is to be (re)done. */
    public record ClaimedRefund(String tenantId, UUID refundId) {
    }

    private final Pool database;
    private final String claimSql;

    public RefundStore(Pool database, ChassisConfig config) {
        this.database = database;
        String table = config.db().schema() + ".refund";
        // As PaymentStore's claim: SKIP LOCKED keeps replicas apart, requested_at moved forward keeps the row away
        // from every replica until it is stuck again.
        this.claimSql = "UPDATE " + table + " SET requested_at = $1 WHERE id IN (SELECT id FROM " + table
                + " WHERE status = 'pending' AND source = 'api' AND requested_at < $2 ORDER BY requested_at LIMIT $3"
                + " FOR UPDATE SKIP LOCKED) RETURNING tenant_id, id";
    }

    public Uni<Refund> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public Uni<Refund> findForUpdate(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The refund the provider calls {@code reference}, row-locked, or null. */
    public Uni<Refund> findByProviderReferenceForUpdate(String tenantId, String provider, String reference) {
        return find("tenantId = ?1 and provider = ?2 and providerReference = ?3", tenantId, provider, reference)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The refund created by a request with this Idempotency-Key, or null. */
    public Uni<Refund> findByRequestKey(String tenantId, String requestKey) {
        return find("tenantId = ?1 and requestKey = ?2", tenantId, requestKey).firstResult();
    }

    /** A payment's refunds, newest first (a payment has a handful at most). */
    public Uni<List<Refund>> listForPayment(String tenantId, UUID paymentId) {
        return list("tenantId = ?1 and paymentId = ?2 order by createdAt desc, id desc", tenantId, paymentId);
    }

    /**
     * Claims up to {@code batch} refunds of any tenant still {@code pending} whose provider call was last made before
     * {@code stuckSince}, marking them requested at {@code now}. Runs on its own, outside any transaction.
     */
    public Uni<List<ClaimedRefund>> claimStuck(Instant stuckSince, Instant now, int batch) {
        return database.preparedQuery(claimSql)
                .execute(Tuple.of(utc(now), utc(stuckSince), batch))
                .map(rows -> {
                    List<ClaimedRefund> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(new ClaimedRefund(row.getString("tenant_id"), row.getUUID("id"))));
                    return claimed;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
