package dev.billforge.invoicing.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.SessionSql;

/** Subscriptions canceled now, so that their late period events invoice nothing. */
@ApplicationScoped
public class CanceledSubscriptions {

    private final SessionSql sql;

    public CanceledSubscriptions(SessionSql sql) {
        this.sql = sql;
    }

    private static final String RECORD_SQL = "INSERT INTO {h-schema}canceled_subscription"
            + " (subscription_id, tenant_id, canceled_at) VALUES (:subscription, :tenant, :at)"
            + " ON CONFLICT (subscription_id) DO NOTHING";

    public Uni<Void> record(String tenantId, UUID subscriptionId, Instant canceledAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_SQL)
                .setParameter("subscription", subscriptionId)
                .setParameter("tenant", tenantId)
                .setParameter("at", canceledAt)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Which of these subscriptions were canceled now, as {@code tenant + '\n' + id}; one query. */
    public Uni<Set<String>> canceledAmong(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(CANCELED_AMONG_SQL, (Object) SessionSql.uuids(Set.copyOf(subscriptionIds)))
                .map(rows -> {
                    Set<String> keys = new HashSet<>();
                    rows.forEach(row -> keys.add(row[0] + "\n" + row[1]));
                    return keys;
                });
    }

    private static final String CANCELED_AMONG_SQL = "SELECT tenant_id, subscription_id"
            + " FROM {h-schema}canceled_subscription WHERE subscription_id = ANY($1)";
}
