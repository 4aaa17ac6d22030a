package dev.billforge.payment.store;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The provider webhook events already processed (see {@code provider_event}). */
@ApplicationScoped
public class ProviderEventStore {

    private static final String INSERT_SQL = "INSERT INTO {h-schema}provider_event"
            + " (tenant_id, provider, event_id, type, received_at) VALUES (:tenant, :provider, :event, :type, :now)"
            + " ON CONFLICT DO NOTHING";

    /**
     * Records the event in the caller's transaction.
     *
     * @return true the first time, false when it was processed before (a redelivery)
     */
    public Uni<Boolean> recordOnce(String tenantId, String provider, String eventId, String type, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("provider", provider)
                .setParameter("event", eventId)
                .setParameter("type", type)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
