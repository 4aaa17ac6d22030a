package dev.billforge.invoicing.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.time.BusinessClock;

/**
 * Each customer's balance per currency (negative: credit owed to the customer, from downgrades), applied to the next
 * invoices first. Read and written only inside the transaction that finalizes an invoice.
 */
@ApplicationScoped
public class CustomerBalances {

    private static final String SAVE_SQL = "UPDATE {h-schema}customer_balance SET balance = :balance,"
            + " version = version + 1, updated_at = :now"
            + " WHERE tenant_id = :tenant AND customer_id = :customer AND currency = :currency RETURNING version";

    /*
     * Creates the rows if need be and locks them in one statement (the no-op update makes the insert's conflict
     * branch lock an existing row), so two invoices of one customer finalizing at once apply the credit one after the
     * other; the rows are taken in the given (key) order.
     */
    private static final String LOCK_ALL_SQL = "INSERT INTO {h-schema}customer_balance AS b"
            + " (tenant_id, customer_id, currency, balance, updated_at)"
            + " SELECT tenant_id, customer_id, currency, 0, updated_at"
            + " FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[]) WITH ORDINALITY"
            + " AS k (tenant_id, customer_id, currency, updated_at, n) ORDER BY n"
            + " ON CONFLICT (tenant_id, customer_id, currency) DO UPDATE SET balance = b.balance"
            + " RETURNING b.tenant_id, b.customer_id, b.currency, b.balance";

    private final BusinessClock clock;
    private final SessionSql sql;

    public CustomerBalances(BusinessClock clock, SessionSql sql) {
        this.clock = clock;
        this.sql = sql;
    }

    /** The customer's balance in {@code currency} (0 when it never had one), locked until the transaction ends. */
    public Uni<Long> lock(String tenantId, UUID customerId, String currency) {
        BalanceKey key = new BalanceKey(tenantId, customerId, currency);
        return lockAll(List.of(key)).map(balances -> balances.get(key));
    }

    /** A customer's balance in one currency. */
    public record BalanceKey(String tenantId, UUID customerId, String currency) {
    }

    /**
     * The balances of these customers (0 for those that never had one), each locked until the transaction ends, with
     * one statement; rows are taken in key order, so two transactions locking overlapping sets wait in turn rather
     * than deadlock.
     */
    public Uni<Map<BalanceKey, Long>> lockAll(Collection<BalanceKey> keys) {
        List<BalanceKey> sorted = keys.stream().distinct().sorted(Comparator.comparing(BalanceKey::tenantId)
                .thenComparing(BalanceKey::customerId).thenComparing(BalanceKey::currency)).toList();
        if (sorted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sql.select(LOCK_ALL_SQL, SessionSql.column(sorted, BalanceKey::tenantId, new String[0]),
                SessionSql.column(sorted, BalanceKey::customerId, new UUID[0]),
                SessionSql.column(sorted, BalanceKey::currency, new String[0]),
                SessionSql.instants(sorted, key -> clock.now(key.tenantId())))
                .map(rows -> {
                    Map<BalanceKey, Long> balances = new HashMap<>();
                    rows.forEach(row -> balances.put(new BalanceKey((String) row[0], (UUID) row[1],
                            (String) row[2]), ((Number) row[3]).longValue()));
                    return balances;
                });
    }

    /** The customer's balance in {@code currency} as it stands (0 when it never had one), unlocked: for previews. */
    public Uni<Long> current(String tenantId, UUID customerId, String currency) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CURRENT_SQL, Long.class)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .setParameter("currency", currency)
                .getResultList())
                .map(rows -> rows.isEmpty() ? 0L : rows.get(0));
    }

    private static final String CURRENT_SQL = "SELECT balance FROM {h-schema}customer_balance"
            + " WHERE tenant_id = :tenant AND customer_id = :customer AND currency = :currency";

    /** Sets the balance of a row {@link #lock} locked in this transaction; returns its new version. */
    public Uni<Long> save(String tenantId, UUID customerId, String currency, long balance) {
        return Panache.getSession().chain(session -> session.createNativeQuery(SAVE_SQL, Long.class)
                .setParameter("balance", balance)
                .setParameter("now", clock.now(tenantId))
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .setParameter("currency", currency)
                .getSingleResult());
    }
}
