package dev.billforge.invoicing.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.domain.KnownSubscription;

/** invoicing's copy of subscriptions, from subscription-service's events; the newest event wins. */
@ApplicationScoped
public class KnownSubscriptions {

    /*
     * One statement for the set: an older event, consumed after a newer one (they travel on different topics),
     * changes nothing.
     */
    private static final String REMEMBER_ALL_SQL = "INSERT INTO {h-schema}known_subscription AS k (tenant_id,"
            + " subscription_id, customer_id, status, plan_name, plan_amount, currency, current_period_end,"
            + " next_period_end, cancel_at_period_end, as_of)"
            + " SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[],"
            + " $7::text[], $8::timestamptz[], $9::timestamptz[], $10::boolean[], $11::timestamptz[])"
            + " ON CONFLICT (tenant_id, subscription_id) DO UPDATE SET status = EXCLUDED.status,"
            + " plan_name = EXCLUDED.plan_name, plan_amount = EXCLUDED.plan_amount, currency = EXCLUDED.currency,"
            + " current_period_end = EXCLUDED.current_period_end, next_period_end = EXCLUDED.next_period_end,"
            + " cancel_at_period_end = EXCLUDED.cancel_at_period_end, as_of = EXCLUDED.as_of"
            + " WHERE k.as_of <= EXCLUDED.as_of";

    private final SessionSql sql;

    public KnownSubscriptions(SessionSql sql) {
        this.sql = sql;
    }

    private static final String FIND_SQL = "SELECT subscription_id, customer_id, status, plan_name, plan_amount,"
            + " currency, current_period_end, next_period_end, cancel_at_period_end FROM {h-schema}known_subscription"
            + " WHERE tenant_id = :tenant AND subscription_id = :id";

    /** Records the subscription as an event of {@code eventTime} describes it, unless a newer event was recorded. */
    public Uni<Void> remember(String tenantId, SubscriptionSnapshot subscription, Instant eventTime) {
        return rememberAll(List.of(new Described(tenantId, subscription, eventTime)));
    }

    /** A subscription as an event of {@code eventTime} described it, for {@link #rememberAll}. */
    public record Described(String tenantId, SubscriptionSnapshot subscription, Instant eventTime) {
    }

    /**
     * {@link #remember} for many subscriptions, with one statement: of two descriptions of one subscription the newer
     * is kept (the later one on a tie, as one statement each would do) (one statement may not change a row twice).
     */
    public Uni<Void> rememberAll(List<Described> described) {
        Map<String, Described> newest = new LinkedHashMap<>();
        for (Described d : described) {
            newest.merge(d.tenantId() + '\n' + d.subscription().id(), d,
                    (kept, other) -> other.eventTime().isBefore(kept.eventTime()) ? kept : other);
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Described> rows = List.copyOf(newest.values());
        return sql.update(REMEMBER_ALL_SQL, SessionSql.column(rows, Described::tenantId, new String[0]),
                SessionSql.column(rows, d -> d.subscription().id(), new UUID[0]),
                SessionSql.column(rows, d -> d.subscription().customerId(), new UUID[0]),
                SessionSql.column(rows, d -> d.subscription().status(), new String[0]),
                SessionSql.column(rows, d -> d.subscription().plan().name(), new String[0]),
                SessionSql.column(rows, d -> d.subscription().plan().amount(), new Long[0]),
                SessionSql.column(rows, d -> d.subscription().plan().currency().toUpperCase(Locale.ROOT),
                        new String[0]),
                SessionSql.instants(rows, d -> d.subscription().currentPeriodEnd()),
                SessionSql.instants(rows, d -> d.subscription().nextPeriodEnd()),
                SessionSql.column(rows, d -> d.subscription().cancelAtPeriodEnd(), new Boolean[0]),
                SessionSql.instants(rows, Described::eventTime))
                .replaceWithVoid();
    }

    /** The tenant's subscription, or null. */
    public Uni<KnownSubscription> find(String tenantId, UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND_SQL, Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("id", id)
                .getResultList())
                .map(KnownSubscriptions::first);
    }

    private static KnownSubscription first(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new KnownSubscription((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                ((Number) row[4]).longValue(), (String) row[5], NativeRows.instant(row[6]), NativeRows.instant(row[7]),
                (Boolean) row[8]);
    }
}
