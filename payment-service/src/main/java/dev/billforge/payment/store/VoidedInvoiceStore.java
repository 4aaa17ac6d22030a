package dev.billforge.payment.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The invoices invoicing voided, as invoice.voided announced them. */
@ApplicationScoped
public class VoidedInvoiceStore {

    private static final String RECORD_SQL = "INSERT INTO {h-schema}voided_invoice (invoice_id, tenant_id, voided_at)"
            + " VALUES (:invoice, :tenant, :at) ON CONFLICT (invoice_id) DO NOTHING";
    private static final String VOIDED_SQL = "SELECT count(*) FROM {h-schema}voided_invoice"
            + " WHERE tenant_id = :tenant AND invoice_id = :invoice";

    public Uni<Void> record(String tenantId, UUID invoiceId, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_SQL)
                .setParameter("invoice", invoiceId)
                .setParameter("tenant", tenantId)
                .setParameter("at", at)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Boolean> isVoided(String tenantId, UUID invoiceId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(VOIDED_SQL, Long.class)
                .setParameter("tenant", tenantId)
                .setParameter("invoice", invoiceId)
                .getSingleResult())
                .map(count -> count > 0);
    }
}
