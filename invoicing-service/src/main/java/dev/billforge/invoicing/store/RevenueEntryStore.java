package dev.billforge.invoicing.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.invoicing.domain.RevenueEntry;

/** Revenue entries and the months announced as closed; every query takes the tenant (or a job's scope of tenants). */
@ApplicationScoped
public class RevenueEntryStore implements PanacheRepositoryBase<RevenueEntry, UUID> {

    private static final String FIRST_BOOKINGS_SQL = "SELECT tenant_id, min(booked_at) FROM {h-schema}revenue_entry"
            + " WHERE booked_at < :now AND " + DueScope.sqlCondition("tenant_id", ":tenants", ":only")
            + " GROUP BY tenant_id";
    private static final String LAST_CLOSED_SQL = "SELECT max(month) FROM {h-schema}revenue_month_close"
            + " WHERE tenant_id = :tenant";
    private static final String CLOSE_SQL = "INSERT INTO {h-schema}revenue_month_close (tenant_id, month, closed_at)"
            + " VALUES (:tenant, :month, :now) ON CONFLICT DO NOTHING";

    /** A tenant with revenue, and when its first entry was booked. */
    public record FirstBooking(String tenantId, Instant bookedAt) {
    }

    /** Writes new entries; none is nothing to do (Panache refuses an empty batch). */
    public Uni<Void> add(List<RevenueEntry> added) {
        return added.isEmpty() ? Uni.createFrom().voidItem() : persist(added);
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

    /** Every tenant of the scope with revenue booked before {@code now}, with its first booking. */
    public Uni<List<FirstBooking>> firstBookings(DueScope scope, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIRST_BOOKINGS_SQL, Object[].class)
                .setParameter("now", now)
                .setParameter("tenants", scope.tenantArray())
                .setParameter("only", scope.onlyThese())
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new FirstBooking((String) row[0], NativeRows.instant(row[1])))
                        .toList());
    }

    /** The tenant's last month announced as closed, or null. */
    public Uni<YearMonth> lastClosedMonth(String tenantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LAST_CLOSED_SQL, Object.class)
                .setParameter("tenant", tenantId)
                .getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0) == null ? null : YearMonth.from((LocalDate) rows.get(0)));
    }

    /** Marks the tenant's month closed; false when it was closed already (by another replica, or before). */
    public Uni<Boolean> markClosed(String tenantId, YearMonth month, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLOSE_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("month", month.atDay(1))
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
