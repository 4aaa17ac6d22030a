package dev.billforge.invoicing.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.domain.KnownSubscription;

/** invoicing's copy of subscriptions, from subscription-service's events; the newest event wins. */
@ApplicationScoped
public class KnownSubscriptions {

    /* One statement: an older event, consumed after a newer one (they travel on different topics), changes nothing. */
    private static final String REMEMBER_SQL = "INSERT INTO {h-schema}known_subscription AS k (tenant_id,"
            + " subscription_id, customer_id, status, plan_name, plan_amount, currency, current_period_end,"
            + " next_period_end, cancel_at_period_end, as_of) VALUES (:tenant, :id, :customer, :status, :planName,"
            + " :planAmount, :currency, :periodEnd, :nextPeriodEnd, :cancelAtPeriodEnd, :asOf)"
            + " ON CONFLICT (tenant_id, subscription_id) DO UPDATE SET status = EXCLUDED.status,"
            + " plan_name = EXCLUDED.plan_name, plan_amount = EXCLUDED.plan_amount, currency = EXCLUDED.currency,"
            + " current_period_end = EXCLUDED.current_period_end, next_period_end = EXCLUDED.next_period_end,"
            + " cancel_at_period_end = EXCLUDED.cancel_at_period_end, as_of = EXCLUDED.as_of"
            + " WHERE k.as_of <= EXCLUDED.as_of";

    private static final String FIND_SQL = "SELECT subscription_id, customer_id, status, plan_name, plan_amount,"
            + " currency, current_period_end, next_period_end, cancel_at_period_end FROM {h-schema}known_subscription"
            + " WHERE tenant_id = :tenant AND subscription_id = :id";

    /** Records the subscription as an event of {@code eventTime} describes it, unless a newer event was recorded. */
    public Uni<Void> remember(String tenantId, SubscriptionSnapshot subscription, Instant eventTime) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMEMBER_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("id", subscription.id())
                .setParameter("customer", subscription.customerId())
                .setParameter("status", subscription.status())
                .setParameter("planName", subscription.plan().name())
                .setParameter("planAmount", subscription.plan().amount())
                .setParameter("currency", subscription.plan().currency().toUpperCase(Locale.ROOT))
                .setParameter("periodEnd", subscription.currentPeriodEnd())
                .setParameter("nextPeriodEnd", subscription.nextPeriodEnd())
                .setParameter("cancelAtPeriodEnd", subscription.cancelAtPeriodEnd())
                .setParameter("asOf", eventTime)
                .executeUpdate())
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
