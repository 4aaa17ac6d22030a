package dev.billforge.notification.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.chassis.secrets.PersonalData;
import dev.billforge.events.invoice.InvoiceSnapshot;

/**
 * notification-service's copy of each invoice, the newest its events described: what a receipt's invoice PDF is
 * printed from. The snapshot is sealed at rest (it names the customer and their address).
 */
@ApplicationScoped
public class InvoiceCopies {

    /* One statement: an older event consumed after a newer one (they travel on different topics) changes nothing. */
    private static final String REMEMBER_SQL = "INSERT INTO {h-schema}invoice_copy AS c (tenant_id, invoice_id,"
            + " status, snapshot, as_of) VALUES (:tenant, :id, :status, :snapshot, :asOf)"
            + " ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET status = EXCLUDED.status,"
            + " snapshot = EXCLUDED.snapshot, as_of = EXCLUDED.as_of WHERE c.as_of <= EXCLUDED.as_of";
    private static final String FIND_SQL = "SELECT snapshot FROM {h-schema}invoice_copy"
            + " WHERE tenant_id = :tenant AND invoice_id = :id";

    private final PersonalData personalData;

    public InvoiceCopies(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** Keeps the invoice as an event of {@code eventTime} describes it, unless a newer event was kept. */
    public Uni<Void> remember(String tenantId, InvoiceSnapshot invoice, Instant eventTime) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMEMBER_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("id", invoice.id())
                .setParameter("status", invoice.status())
                .setParameter("snapshot", personalData.seal(EventJson.writePart(invoice))) // native SQL: no converter
                .setParameter("asOf", eventTime)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The tenant's invoice as last described, or null when no event about it has arrived. */
    public Uni<InvoiceSnapshot> find(String tenantId, UUID invoiceId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND_SQL, String.class)
                .setParameter("tenant", tenantId)
                .setParameter("id", invoiceId)
                .getResultList())
                .map(InvoiceCopies::first)
                .map(sealed -> sealed == null ? null
                        : EventJson.readPart(personalData.open(sealed), InvoiceSnapshot.class));
    }

    private static String first(List<String> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }
}
