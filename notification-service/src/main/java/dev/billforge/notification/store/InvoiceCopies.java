package dev.billforge.notification.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.secrets.PersonalData;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.notification.domain.InvoiceDescription;

/**
 * notification-service's copy of each invoice, the newest its events described: what a receipt's invoice PDF is
 * printed from. The snapshot is sealed at rest (it names the customer and their address).
 */
@ApplicationScoped
public class InvoiceCopies {

    private static final Logger LOG = Logger.getLogger(InvoiceCopies.class);

    /* One statement: an older event consumed after a newer one (they travel on different topics) changes nothing. */
    private static final String REMEMBER_SQL = "INSERT INTO {h-schema}invoice_copy AS c (tenant_id, invoice_id,"
            + " status, snapshot, as_of) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[],"
            + " $5::timestamptz[])"
            + " ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET status = EXCLUDED.status,"
            + " snapshot = EXCLUDED.snapshot, as_of = EXCLUDED.as_of WHERE c.as_of <= EXCLUDED.as_of";
    private static final String FIND_SQL = "SELECT snapshot FROM {h-schema}invoice_copy"
            + " WHERE tenant_id = :tenant AND invoice_id = :id";

    /*
     * One lock per key, taken in key order (Postgres evaluates a volatile function in the select list after the sort),
     * held until the transaction ends.
     */
    private static final String LOCK_ALL_SQL = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock("
            + "hashtextextended(k, 0)) FROM unnest($1::text[]) AS v(k) ORDER BY k) AS held";
    /* Exactly the asked pairs, by the primary key (tenant_id, invoice_id). */
    private static final String PAID_AMONG_SQL = "SELECT c.tenant_id, c.invoice_id FROM {h-schema}invoice_copy AS c"
            + " JOIN unnest($1::text[], $2::uuid[]) AS k (tenant_id, invoice_id)"
            + " ON c.tenant_id = k.tenant_id AND c.invoice_id = k.invoice_id WHERE c.status = 'paid'";

    private final PersonalData personalData;
    private final SessionSql sql;

    public InvoiceCopies(PersonalData personalData, SessionSql sql) {
        this.personalData = personalData;
        this.sql = sql;
    }

    /** The key of a tenant's invoice in what {@link #findAll} and {@link #paidAmong} answer. */
    public static String key(String tenantId, UUID invoiceId) {
        return tenantId + '\n' + invoiceId;
    }

    /**
     * Locks these invoices (keys as {@link #key}) for the rest of the transaction. A receipt is recorded to wait when
     * its invoice is not paid yet, and the invoice reported paid wakes the receipts waiting for it: both take these
     * locks first, so neither can run between the other's read and its commit, and no receipt waits for a wake-up
     * that came before it was visible. One call takes its locks in key order; two batches that take locks in
     * several steps (receipts, then invoices) can still deadlock, which Postgres breaks and the Inbox answers by
     * applying each event alone.
     */
    public Uni<Void> lockAll(Collection<String> keys) {
        List<String> distinct = List.copyOf(Set.copyOf(keys));
        if (distinct.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.select(LOCK_ALL_SQL, (Object) SessionSql.texts(distinct)).replaceWithVoid();
    }

    /**
     * Which of these invoices (the tenant at each index with the invoice id at the same index) are reported paid,
     * keyed as {@link #key}; one query reading no snapshot.
     */
    public Uni<Set<String>> paidAmong(List<String> tenantIds, List<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(PAID_AMONG_SQL, SessionSql.texts(List.copyOf(tenantIds)),
                SessionSql.uuids(List.copyOf(invoiceIds)))
                .map(rows -> {
                    Set<String> paid = new HashSet<>();
                    rows.forEach(row -> paid.add(row[0] + "\n" + row[1])); // as key()
                    return paid;
                });
    }

    /** Keeps the invoice as an event of {@code eventTime} describes it, unless a newer event was kept. */
    public Uni<Void> remember(String tenantId, InvoiceSnapshot invoice, Instant eventTime) {
        return rememberAll(List.of(new InvoiceDescription(tenantId, invoice, eventTime)));
    }

    /**
     * {@link #remember} for many invoices with one statement; of two descriptions of one invoice the newer is kept
     * (the later one on a tie; one statement may not change a row twice).
     */
    public Uni<Void> rememberAll(List<InvoiceDescription> described) {
        Map<String, InvoiceDescription> newest = new LinkedHashMap<>();
        described.forEach(d -> newest.merge(key(d.tenantId(), d.invoice().id()), d,
                (kept, other) -> other.eventTime().isBefore(kept.eventTime()) ? kept : other));
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<InvoiceDescription> rows = List.copyOf(newest.values());
        return sql.update(REMEMBER_SQL, SessionSql.column(rows, InvoiceDescription::tenantId, new String[0]),
                SessionSql.column(rows, d -> d.invoice().id(), new UUID[0]),
                SessionSql.column(rows, d -> d.invoice().status(), new String[0]),
                SessionSql.column(rows, d -> personalData.seal(EventJson.writePart(d.invoice())), new String[0]),
                SessionSql.instants(rows, InvoiceDescription::eventTime))
                .replaceWithVoid();
    }

    /**
     * The invoices of these ids as last described (the tenant at each index with the invoice id at the same index),
     * keyed as {@link #key}; those no event described yet are missing, an unreadable one is there as null. One query.
     */
    public Uni<Map<String, InvoiceSnapshot>> findAll(List<String> tenantIds, List<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sql.select(FIND_ALL_SQL, SessionSql.texts(List.copyOf(tenantIds)),
                SessionSql.uuids(List.copyOf(invoiceIds)))
                .map(rows -> {
                    Map<String, InvoiceSnapshot> copies = new HashMap<>();
                    for (Object[] row : rows) {
                        InvoiceSnapshot copy = null; // unreadable (a retired sealing key, say): present, as null
                        try {
                            copy = EventJson.readPart(personalData.open((String) row[2]), InvoiceSnapshot.class);
                        } catch (RuntimeException unreadable) {
                            LOG.errorf("The copy of invoice %s (tenant %s) is unreadable: %s", row[1], row[0],
                                    unreadable.toString());
                        }
                        copies.put(row[0] + "\n" + row[1], copy); // as key()
                    }
                    return copies;
                });
    }

    /** Exactly the asked pairs, by the primary key (tenant_id, invoice_id). */
    private static final String FIND_ALL_SQL = "SELECT c.tenant_id, c.invoice_id, c.snapshot"
            + " FROM {h-schema}invoice_copy AS c JOIN unnest($1::text[], $2::uuid[]) AS k (tenant_id, invoice_id)"
            + " ON c.tenant_id = k.tenant_id AND c.invoice_id = k.invoice_id";

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
