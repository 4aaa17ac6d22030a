package dev.billforge.subscription.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionStatus;

/** The tenants' subscriptions, always loaded with their plan (one join, no lazy loading). */
@ApplicationScoped
public class SubscriptionStore implements PanacheRepositoryBase<Subscription, UUID> {

    private final SessionSql sql;

    public SubscriptionStore(SessionSql sql) {
        this.sql = sql;
    }

    private static final String FROM = "from Subscription s join fetch s.plan";
    private static final String SELECT = FROM + " where s.tenantId = :tenant";

    /** The subscriptions of these ids (any tenant's: the caller matches them); one query. */
    public Uni<List<Subscription>> findAll(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : find(FROM + " where s.id in :ids", Parameters.with("ids", Set.copyOf(ids))).list();
    }

    public Uni<Subscription> find(String tenantId, UUID id) {
        return find(SELECT + " and s.id = :id", Parameters.with("tenant", tenantId).and("id", id)).firstResult();
    }

    /** Whether the customer already holds the plan through a live subscription. */
    public Uni<Boolean> holdsLive(String tenantId, UUID customerId, UUID planId) {
        return count("tenantId = ?1 and customerId = ?2 and plan.id = ?3 and status in ?4", tenantId, customerId,
                planId, SubscriptionStatus.LIVE).map(count -> count > 0);
    }

    /** Up to {@code fetch} subscriptions, newest first, after {@code cursor}, optionally of some customers or a status. */
    public Uni<List<Subscription>> page(String tenantId, List<UUID> customerIds, SubscriptionStatus status,
            Subscription cursor, int fetch) {
        NewestFirst page = NewestFirst.select(FROM, "s", tenantId).whereIn("customerId", customerIds)
                .where("status", status).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }

    /*
     * SKIP LOCKED: replicas announcing at the same moment take different subscriptions. The trial_end bound is
     * the caller's horizon (now plus the notice period).
     */
    private static final String TRIALS_ENDING_SQL = "SELECT s.* FROM {h-schema}subscription s"
            + " WHERE s.status = 'trialing' AND s.trial_will_end_announced_at IS NULL AND s.trial_end <= :horizon"
            + " AND " + DueScope.sqlCondition("s.tenant_id", ":tenants", ":only")
            + " ORDER BY s.trial_end LIMIT :batch FOR UPDATE SKIP LOCKED";

    /** Up to {@code batch} trialing subscriptions of the scope's tenants whose trial ends by {@code horizon}. */
    public Uni<List<Subscription>> claimTrialsEndingBy(DueScope scope, Instant horizon, int batch) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TRIALS_ENDING_SQL, Subscription.class)
                .setParameter("horizon", horizon)
                .setParameter("tenants", scope.tenantArray())
                .setParameter("only", scope.onlyThese())
                .setParameter("batch", batch)
                .getResultList());
    }

    /*
     * The bill run's claim: subscriptions whose period ended and that renew (or end) at period end. The condition is
     * subscription_period_end_due_idx's predicate word for word. SKIP LOCKED: replicas running the bill run at the same
     * moment take different subscriptions, and a subscription a consumer is updating is taken on the next pass.
     */
    private static final String PERIOD_ENDS_WHERE = " WHERE s.current_period_end <= :now"
            + " AND (s.status IN ('active', 'past_due', 'trialing') OR (s.cancel_at_period_end AND s.status <> 'canceled'))"
            + " AND " + DueScope.sqlCondition("s.tenant_id", ":tenants", ":only");
    private static final String CLAIM_PERIOD_ENDS_SQL = "SELECT s.* FROM {h-schema}subscription s" + PERIOD_ENDS_WHERE
            + " AND s.id <> ALL(:skipped) ORDER BY s.current_period_end LIMIT :batch FOR UPDATE SKIP LOCKED";
    private static final String COUNT_PERIOD_ENDS_SQL = "SELECT count(*) FROM {h-schema}subscription s"
            + PERIOD_ENDS_WHERE;

    /*
     * The columns the bill run moves (Subscription.passPeriodEnd and announceTrialEnding), set per id. The version
     * moves on as Hibernate's own update moves it, so that a change made meanwhile on the state read before (a
     * cancellation through the API) conflicts instead of overwriting the new period.
     */
    private static final String WRITE_PERIOD_ENDS_SQL = "UPDATE {h-schema}subscription s SET status = w.status,"
            + " current_period_start = w.current_period_start, current_period_end = w.current_period_end,"
            + " billing_cycle_anchor = w.billing_cycle_anchor, period_plan_id = w.period_plan_id,"
            + " trial_will_end_announced_at = w.trial_will_end_announced_at, canceled_at = w.canceled_at,"
            + " ended_at = w.ended_at, updated_at = w.updated_at, version = s.version + 1"
            + " FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[],"
            + " $6::timestamptz[], $7::uuid[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[],"
            + " $11::timestamptz[]) AS w(id, version, status, current_period_start, current_period_end,"
            + " billing_cycle_anchor, period_plan_id, trial_will_end_announced_at, canceled_at, ended_at, updated_at)"
            + " WHERE s.id = w.id AND s.version = w.version";

    /**
     * Writes the period ends the bill run passed in memory on these subscriptions (claimed by it, so locked and
     * each once) with one statement, instead of one {@code UPDATE} per subscription when the session flushes. The
     * session's copies keep the version they were read at: changed again in this transaction, they would fail its
     * flush (a stale version), never overwrite silently.
     */
    public Uni<Void> writePeriodEnds(List<Subscription> passed) {
        if (passed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.update(WRITE_PERIOD_ENDS_SQL, SessionSql.column(passed, Subscription::id, new UUID[0]),
                SessionSql.column(passed, Subscription::version, new Long[0]),
                SessionSql.column(passed, subscription -> subscription.status().wire(), new String[0]),
                SessionSql.instants(passed, Subscription::currentPeriodStart),
                SessionSql.instants(passed, Subscription::currentPeriodEnd),
                SessionSql.instants(passed, Subscription::billingCycleAnchor),
                SessionSql.column(passed, subscription -> subscription.periodPlan().id(), new UUID[0]),
                SessionSql.instants(passed, Subscription::trialWillEndAnnouncedAt),
                SessionSql.instants(passed, Subscription::canceledAt),
                SessionSql.instants(passed, Subscription::endedAt),
                SessionSql.instants(passed, Subscription::updatedAt))
                .chain(written -> written == passed.size() ? SessionSql.markWritten(passed)
                        : Uni.createFrom().failure(new OptimisticLockException("Bill run: " + (passed.size() - written)
                                + " of " + passed.size() + " subscriptions changed since they were claimed")));
    }

    /**
     * Up to {@code batch} subscriptions of the scope's tenants whose current period ended by its time, locked, but
     * none of {@code skipped}.
     */
    public Uni<List<Subscription>> claimPeriodEnds(DueScope scope, int batch, Collection<UUID> skipped) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM_PERIOD_ENDS_SQL, Subscription.class)
                .setParameter("now", scope.now())
                .setParameter("tenants", scope.tenantArray())
                .setParameter("only", scope.onlyThese())
                .setParameter("skipped", skipped.toArray(UUID[]::new))
                .setParameter("batch", batch)
                .getResultList());
    }

    /** How many subscriptions of the scope's tenants have a period end the bill run has yet to pass. */
    public Uni<Long> countPeriodEnds(DueScope scope) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COUNT_PERIOD_ENDS_SQL, Long.class)
                .setParameter("now", scope.now())
                .setParameter("tenants", scope.tenantArray())
                .setParameter("only", scope.onlyThese())
                .getSingleResult());
    }
}
