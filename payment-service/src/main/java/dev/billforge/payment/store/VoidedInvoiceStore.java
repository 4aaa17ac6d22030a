package dev.billforge.payment.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.SessionSql;

/** The invoices invoicing voided, as invoice.voided announced them. */
@ApplicationScoped
public class VoidedInvoiceStore {

    private static final String RECORD_SQL = "INSERT INTO {h-schema}voided_invoice (invoice_id, tenant_id, voided_at)"
            + " VALUES (:invoice, :tenant, :at) ON CONFLICT (invoice_id) DO NOTHING";
    private static final String VOIDED_SQL = "SELECT count(*) FROM {h-schema}voided_invoice"
            + " WHERE tenant_id = :tenant AND invoice_id = :invoice";
    private static final String VOIDED_AMONG_SQL = "SELECT tenant_id, invoice_id FROM {h-schema}voided_invoice"
            + " WHERE invoice_id = ANY($1)";

    private final SessionSql sql;

    public VoidedInvoiceStore(SessionSql sql) {
        this.sql = sql;
    }

    public Uni<Void> record(String tenantId, UUID invoiceId, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_SQL)
                .setParameter("invoice", invoiceId)
                .setParameter("tenant", tenantId)
                .setParameter("at", at)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Which of these invoices were voided, as {@code tenant + '\n' + invoice id}; one query. */
    public Uni<Set<String>> voidedAmong(Collection<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(VOIDED_AMONG_SQL, (Object) SessionSql.uuids(Set.copyOf(invoiceIds)))
                .map(rows -> {
                    Set<String> keys = new HashSet<>();
                    rows.forEach(row -> keys.add(row[0] + "\n" + row[1]));
                    return keys;
                });
    }

    public Uni<Boolean> isVoided(String tenantId, UUID invoiceId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(VOIDED_SQL, Long.class)
                .setParameter("tenant", tenantId)
                .setParameter("invoice", invoiceId)
                .getSingleResult())
                .map(count -> count > 0);
    }
}
