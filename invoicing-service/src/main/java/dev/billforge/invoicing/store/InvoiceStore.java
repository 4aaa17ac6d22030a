package dev.billforge.invoicing.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceFilter;

/**
 * Invoices and their lines in this service's schema. Every query takes the tenant: there is no unscoped lookup.
 * Lines are lazy in the mapping and Hibernate Reactive cannot load them on access, so every method that hands out
 * invoices for reading fetches their lines with them, in one query per call, never one per invoice.
 */
@ApplicationScoped
public class InvoiceStore implements PanacheRepositoryBase<Invoice, UUID> {

    private final SessionSql sql;

    public InvoiceStore(SessionSql sql) {
        this.sql = sql;
    }

    private static final String WITH_LINES = "select distinct i from Invoice i left join fetch i.lines";

    /*
     * Serializes the payment events of one invoice (they arrive on different topics, so possibly at once). FOR NO
     * KEY UPDATE is the lock an UPDATE of non-key columns takes anyway; unlike FOR UPDATE it does not block rows
     * that merely reference the invoice.
     */
    private static final String LOCK_SQL = "SELECT id FROM {h-schema}invoice WHERE tenant_id = :tenantId AND id = :id"
            + " FOR NO KEY UPDATE";

    /** The tenant's invoice with its lines, or null. */
    public Uni<Invoice> findWithLines(String tenantId, UUID id) {
        return find(WITH_LINES + " where i.tenantId = ?1 and i.id = ?2", tenantId, id).list()
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * The tenant's invoice with its lines, or null; its row stays locked until the transaction ends so concurrent
     * changes to one invoice apply one after the other instead of overwriting each other.
     */
    public Uni<Invoice> lockWithLines(String tenantId, UUID id) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(LOCK_SQL)
                        .setParameter("tenantId", tenantId)
                        .setParameter("id", id)
                        .getResultList())
                .flatMap(locked -> locked.isEmpty() ? Uni.createFrom().nullItem() : findWithLines(tenantId, id));
    }

    private static final String LOCK_UNPAID_SQL = "SELECT id FROM {h-schema}invoice WHERE tenant_id = :tenantId"
            + " AND subscription_id = :subscriptionId AND status IN ('open', 'uncollectible') FOR NO KEY UPDATE";

    /**
     * The invoices of these ids with their lines (any tenant's: the caller matches them), each row locked like
     * {@link #lockWithLines}, in id order; two queries for the set.
     */
    public Uni<List<Invoice>> lockAllWithLines(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sql.select(LOCK_ALL_SQL, (Object) SessionSql.uuids(Set.copyOf(ids)))
                .flatMap(locked -> locked.isEmpty() ? Uni.createFrom().item(List.<Invoice> of())
                        : find(WITH_LINES + " where i.id in ?1", locked.stream().map(row -> (UUID) row[0]).toList())
                                .list());
    }

    private static final String LOCK_ALL_SQL = "SELECT id FROM {h-schema}invoice WHERE id = ANY($1) ORDER BY id"
            + " FOR NO KEY UPDATE";

    /** The columns a captured payment moves ({@code Invoice.applyPayment}), set per id. */
    private static final String WRITE_PAYMENTS_SQL = "UPDATE {h-schema}invoice i SET status = s.status,"
            + " amount_paid = s.amount_paid, amount_remaining = s.amount_remaining, attempt_count = s.attempt_count,"
            + " paid_at = s.paid_at, next_payment_attempt = s.next_payment_attempt, updated_at = s.updated_at"
            + " FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::int[], $6::timestamptz[],"
            + " $7::timestamptz[], $8::timestamptz[]) AS s(id, status, amount_paid, amount_remaining, attempt_count,"
            + " paid_at, next_payment_attempt, updated_at) WHERE i.id = s.id";

    /**
     * Writes the payments applied in memory to these invoices (managed by the session, locked by the caller; each
     * once) with one statement, instead of one {@code UPDATE} per invoice when the session flushes.
     */
    public Uni<Void> writePayments(Collection<Invoice> credited) {
        if (credited.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.update(WRITE_PAYMENTS_SQL, SessionSql.column(credited, Invoice::id, new UUID[0]),
                SessionSql.column(credited, invoice -> invoice.status().wire(), new String[0]),
                SessionSql.column(credited, Invoice::amountPaid, new Long[0]),
                SessionSql.column(credited, Invoice::amountRemaining, new Long[0]),
                SessionSql.column(credited, Invoice::attemptCount, new Integer[0]),
                SessionSql.instants(credited, Invoice::paidAt),
                SessionSql.instants(credited, Invoice::nextPaymentAttempt),
                SessionSql.instants(credited, Invoice::updatedAt))
                .chain(() -> SessionSql.markWritten(credited));
    }

    /** The subscription's unpaid (open or uncollectible) invoices with their lines, locked like {@link #lockWithLines}. */
    public Uni<List<Invoice>> lockUnpaidOfSubscription(String tenantId, UUID subscriptionId) {
        return selectedWithLines(tenantId, LOCK_UNPAID_SQL, "subscriptionId", subscriptionId);
    }

    /** The invoices whose ids {@code idsSql} selects (it takes :tenantId and one more parameter), with their lines. */
    private Uni<List<Invoice>> selectedWithLines(String tenantId, String idsSql, String parameter, Object value) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(idsSql, UUID.class)
                        .setParameter("tenantId", tenantId)
                        .setParameter(parameter, value)
                        .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Invoice> of())
                        : find(WITH_LINES + " where i.tenantId = ?1 and i.id in ?2", tenantId, ids).list());
    }

    /** Any invoice of the tenant, without its lines: for checking a page cursor. */
    public Uni<Invoice> findWithoutLines(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /**
     * Which of these subscription periods (the tenant, subscription and period start at one index each) have their
     * invoice already, one query: keys as {@link #periodKey}. Reads what was written, not this session's unflushed
     * invoices: the unique period constraint is the guard behind it.
     */
    public Uni<Set<String>> periodsInvoiced(List<String> tenantIds, List<UUID> subscriptionIds,
            List<Instant> periodStarts) {
        if (subscriptionIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(PERIODS_INVOICED_SQL, SessionSql.texts(tenantIds), SessionSql.uuids(subscriptionIds),
                SessionSql.column(periodStarts, SessionSql::timestamp, new OffsetDateTime[0]))
                .map(rows -> {
                    Set<String> keys = new HashSet<>();
                    rows.forEach(row -> keys.add(periodKey((String) row[0], (UUID) row[1],
                            NativeRows.instant(row[2]))));
                    return keys;
                });
    }

    /* The unique (tenant_id, subscription_id, period_start) index answers each asked period. */
    private static final String PERIODS_INVOICED_SQL = "SELECT i.tenant_id, i.subscription_id, i.period_start"
            + " FROM {h-schema}invoice AS i"
            + " JOIN unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS p (tenant_id, subscription_id, period_start)"
            + " ON i.tenant_id = p.tenant_id AND i.subscription_id = p.subscription_id"
            + " AND i.period_start = p.period_start";

    /** The key of a subscription's period for {@link #periodsInvoiced}. */
    public static String periodKey(String tenantId, UUID subscriptionId, Instant periodStart) {
        return tenantId + '\n' + subscriptionId + '\n' + periodStart;
    }

    /**
     * Up to {@code fetch} of the tenant's invoices matching {@code filter}, with their lines, newest first, strictly
     * after {@code cursor} when given.
     */
    public Uni<List<Invoice>> page(String tenantId, InvoiceFilter filter, Invoice cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).whereIn("id", filter.ids()).whereIn("customerId", filter.customerIds())
                .whereIn("subscriptionId", filter.subscriptionIds()).where("status", filter.status()).after(cursor);
        // Paging and a collection fetch don't mix in one query: page first, then fetch the page's lines at once.
        return find(page.query(), page.parameters()).range(0, fetch - 1).list().flatMap(this::withLines);
    }

    private static final Comparator<Invoice> NEWEST_FIRST = Comparator.comparing(Invoice::createdAt)
            .thenComparing(Invoice::id).reversed();

    private static final String LATEST_OF_SUBSCRIPTIONS_SQL = "SELECT DISTINCT ON (subscription_id) id"
            + " FROM {h-schema}invoice WHERE tenant_id = :tenantId AND subscription_id IN (:subscriptionIds)"
            + " ORDER BY subscription_id, created_at DESC, id DESC";

    /** The newest invoice of each of the tenant's subscriptions named that has one, with its lines, newest first. */
    public Uni<List<Invoice>> latestOfSubscriptions(String tenantId, List<UUID> subscriptionIds) {
        return selectedWithLines(tenantId, LATEST_OF_SUBSCRIPTIONS_SQL, "subscriptionIds", subscriptionIds)
                .map(invoices -> invoices.stream().sorted(NEWEST_FIRST).toList());
    }

    private Uni<List<Invoice>> withLines(List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return Uni.createFrom().item(invoices);
        }
        List<UUID> ids = invoices.stream().map(Invoice::id).toList();
        return find(WITH_LINES + " where i.id in ?1", ids).list().map(fetched -> {
            Map<UUID, Invoice> byId = fetched.stream().collect(Collectors.toMap(Invoice::id, Function.identity()));
            return invoices.stream().map(invoice -> byId.get(invoice.id())).toList();
        });
    }
}
