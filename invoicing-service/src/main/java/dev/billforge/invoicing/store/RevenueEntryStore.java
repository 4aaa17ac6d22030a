package dev.billforge.invoicing.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.invoicing.domain.MonthlyRevenue;
import dev.billforge.invoicing.domain.RevenueEntry;

/**
 * Revenue entries, and each tenant's months announced as closed; every query takes the tenant (or a job's scope of
 * tenants).
 */
@ApplicationScoped
public class RevenueEntryStore implements PanacheRepositoryBase<RevenueEntry, UUID> {

    private final SessionSql sql;

    public RevenueEntryStore(SessionSql sql) {
        this.sql = sql;
    }

    private static final String INSERT_ALL_SQL = "INSERT INTO {h-schema}revenue_entry (id, tenant_id, invoice_id,"
            + " invoice_item_id, line_number, credit_note_id, kind, currency, amount, recognize_from, recognize_until,"
            + " booked_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::int[],"
            + " $6::uuid[], $7::text[], $8::text[], $9::bigint[], $10::timestamptz[], $11::timestamptz[],"
            + " $12::timestamptz[])";
    private static final String REGISTER_SQL = "INSERT INTO {h-schema}revenue_tenant (tenant_id, first_booked_at)"
            + " VALUES (:tenant, :bookedAt) ON CONFLICT DO NOTHING";
    private static final String DUE_SQL = "SELECT tenant_id FROM {h-schema}revenue_tenant WHERE first_booked_at < :now"
            + " AND (last_closed_month IS NULL OR last_closed_month < :lastEnded) AND "
            + DueScope.sqlCondition("tenant_id", ":tenants", ":only") + " ORDER BY tenant_id LIMIT :batch";
    private static final String CLAIM_SQL = "SELECT first_booked_at, last_closed_month FROM {h-schema}revenue_tenant"
            + " WHERE tenant_id = :tenant AND (last_closed_month IS NULL OR last_closed_month < :lastEnded)"
            + " FOR UPDATE SKIP LOCKED";
    private static final String CLOSED_SQL = "UPDATE {h-schema}revenue_tenant SET last_closed_month = :month"
            + " WHERE tenant_id = :tenant";

    /** A tenant's revenue months: the month of its first booking, and the last month announced (or null). */
    public record TenantMonths(YearMonth firstBooked, YearMonth lastClosed) {
    }

    /**
     * Writes new entries with one statement and notes that their tenants have revenue (each from its earliest
     * entry).
     */
    public Uni<Void> add(List<RevenueEntry> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Instant> earliest = new TreeMap<>();
        added.forEach(entry -> earliest.merge(entry.tenantId(), entry.bookedAt(),
                (one, other) -> one.isBefore(other) ? one : other));
        // The entries reference their invoice, lines and credit note, which may be new in this session: written first.
        return flush().chain(() -> sql.update(INSERT_ALL_SQL, SessionSql.column(added, RevenueEntry::id, new UUID[0]),
                SessionSql.column(added, RevenueEntry::tenantId, new String[0]),
                SessionSql.column(added, RevenueEntry::invoiceId, new UUID[0]),
                SessionSql.column(added, RevenueEntry::invoiceItemId, new UUID[0]),
                SessionSql.column(added, RevenueEntry::lineNumber, new Integer[0]),
                SessionSql.column(added, RevenueEntry::creditNoteId, new UUID[0]),
                SessionSql.column(added, RevenueEntry::kind, new String[0]),
                SessionSql.column(added, RevenueEntry::currency, new String[0]),
                SessionSql.column(added, RevenueEntry::amount, new Long[0]),
                SessionSql.instants(added, RevenueEntry::recognizeFrom),
                SessionSql.instants(added, RevenueEntry::recognizeUntil),
                SessionSql.instants(added, RevenueEntry::bookedAt)))
                .chain(() -> Multi.createFrom().iterable(earliest.entrySet())
                .onItem().transformToUniAndConcatenate(tenant -> registerTenant(tenant.getKey(), tenant.getValue()))
                .collect().last());
    }

    /** The invoice's entries: line by line, each line's charge first, then its reversals as they were booked. */
    public Uni<List<RevenueEntry>> forInvoice(String tenantId, UUID invoiceId) {
        return list("tenantId = ?1 and invoiceId = ?2 order by lineNumber, bookedAt, kind", tenantId, invoiceId);
    }

    /** The invoice's charges (one per paid line), in line order. */
    public Uni<List<RevenueEntry>> chargesOf(String tenantId, UUID invoiceId) {
        return list("tenantId = ?1 and invoiceId = ?2 and kind = ?3 order by lineNumber", tenantId, invoiceId,
                RevenueEntry.CHARGE);
    }

    /**
     * The entries of one currency that can move the figures of {@code from} to {@code to}: booked before {@code to}
     * and not fully recognised before {@code from}.
     */
    public Uni<List<RevenueEntry>> recognizingBetween(String tenantId, String currency, Instant from, Instant to) {
        return list("tenantId = ?1 and currency = ?2 and bookedAt < ?4 and (bookedAt >= ?3 or recognizeUntil >= ?3)",
                tenantId, currency, from, to);
    }

    /** The currencies the tenant had revenue booked in before {@code before}. */
    public Uni<List<String>> currenciesBookedBefore(String tenantId, Instant before) {
        return find("select distinct currency from RevenueEntry where tenantId = ?1 and bookedAt < ?2"
                + " order by currency", tenantId, before).project(String.class).list();
    }

    /** Notes that the tenant has revenue from {@code bookedAt} on (the first booking counts; later ones are no-ops). */
    private Uni<Void> registerTenant(String tenantId, Instant bookedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REGISTER_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("bookedAt", bookedAt)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Up to {@code batch} tenants of the scope with a month up to {@code lastEnded} not yet announced. */
    public Uni<List<String>> tenantsWithMonthsToClose(DueScope scope, YearMonth lastEnded, int batch) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DUE_SQL, String.class)
                .setParameter("now", scope.now())
                .setParameter("lastEnded", lastEnded.atDay(1))
                .setParameter("tenants", scope.tenantArray())
                .setParameter("only", scope.onlyThese())
                .setParameter("batch", batch)
                .getResultList());
    }

    /**
     * Locks the tenant's row until the transaction ends, when it still has a month up to {@code lastEnded} to
     * announce; null when it has none, or another replica holds it.
     */
    public Uni<TenantMonths> claimMonthsToClose(String tenantId, YearMonth lastEnded) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM_SQL, Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("lastEnded", lastEnded.atDay(1))
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : new TenantMonths(
                        MonthlyRevenue.monthOf(NativeRows.instant(rows.get(0)[0])),
                        rows.get(0)[1] == null ? null : YearMonth.from((LocalDate) rows.get(0)[1])));
    }

    /** Records that the tenant's months up to {@code month} are announced. */
    public Uni<Void> markClosedThrough(String tenantId, YearMonth month) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLOSED_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("month", month.atDay(1))
                .executeUpdate())
                .replaceWithVoid();
    }
}
