package dev.billforge.payment.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.jobs.LeasedClaims;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.payment.domain.Refund;

/** Refunds in this service's schema. Every query takes the tenant, except the recovery job's claim. */
@ApplicationScoped
public class RefundStore implements PanacheRepositoryBase<Refund, UUID> {

    private final LeasedClaims stuck;

    public RefundStore(Pool database, ChassisConfig config) {
        // Only refunds whose request got no answer: one the provider accepted as pending (it has the provider's
        // reference) is settled by the provider's webhook, never requested again.
        this.stuck = new LeasedClaims(database, config.db().schema() + ".refund", "requested_at",
                "status = 'pending' AND source IN ('api', 'automatic') AND provider_reference IS NULL");
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
     * Claims up to {@code batch} refunds of any tenant still {@code pending} with no answer from the provider, whose
     * provider call was last made before {@code stuckSince}, marking them requested at {@code now}.
     */
    public Uni<List<LeasedClaims.Claimed>> claimStuck(DueScope scope, Instant stuckSince, Instant now, int batch) {
        return stuck.claim(scope, stuckSince, now, batch);
    }
}
