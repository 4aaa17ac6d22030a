package dev.billforge.payment.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Which subscriptions are paused (payment-service's own record of subscription.paused / .resumed). */
@ApplicationScoped
public class SubscriptionPauseStore {

    private static final String RECORD_SQL = "INSERT INTO {h-schema}subscription_pause"
            + " (subscription_id, tenant_id, paused, changed_at) VALUES (:subscription, :tenant, :paused, :at)"
            + " ON CONFLICT (subscription_id) DO UPDATE SET paused = EXCLUDED.paused, changed_at = EXCLUDED.changed_at"
            + " WHERE subscription_pause.changed_at < EXCLUDED.changed_at AND subscription_pause.tenant_id = EXCLUDED.tenant_id";

    /**
     * Records that the subscription was paused or resumed at {@code at}, unless a newer change is recorded already.
     *
     * @return whether the record changed
     */
    public Uni<Boolean> record(String tenantId, UUID subscriptionId, boolean paused, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_SQL)
                .setParameter("subscription", subscriptionId)
                .setParameter("tenant", tenantId)
                .setParameter("paused", paused)
                .setParameter("at", at)
                .executeUpdate())
                .map(rows -> rows > 0);
    }
}
