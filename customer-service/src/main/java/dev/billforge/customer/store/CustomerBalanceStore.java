package dev.billforge.customer.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.customer.domain.CustomerBalance;

/** customer-service's copy of each customer's balance per currency (invoicing-service owns and applies it). */
@ApplicationScoped
public class CustomerBalanceStore {

    /* One statement: two replicas applying changes of one balance at once cannot both insert, nor an older
     * change overwrite a newer one between a read and a write. */
    private static final String APPLY_SQL = "INSERT INTO {h-schema}customer_balance AS b"
            + " (tenant_id, customer_id, currency, balance, version, updated_at)"
            + " VALUES (:tenant, :customer, :currency, :balance, :version, :at)"
            + " ON CONFLICT (tenant_id, customer_id, currency) DO UPDATE SET balance = EXCLUDED.balance,"
            + " version = EXCLUDED.version, updated_at = EXCLUDED.updated_at WHERE b.version < EXCLUDED.version";

    private static final String LIST_SQL = "SELECT currency, balance, updated_at FROM {h-schema}customer_balance"
            + " WHERE tenant_id = :tenant AND customer_id = :customer ORDER BY currency";

    /** Records the balance at {@code version}, unless a newer version was recorded already. */
    public Uni<Void> apply(String tenantId, UUID customerId, String currency, long balance, long version,
            Instant changedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(APPLY_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .setParameter("currency", currency)
                .setParameter("balance", balance)
                .setParameter("version", version)
                .setParameter("at", changedAt)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The customer's balances, one per currency it ever had one in, by currency. */
    public Uni<List<CustomerBalance>> of(String tenantId, UUID customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LIST_SQL, Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new CustomerBalance((String) row[0], ((Number) row[1]).longValue(),
                        NativeRows.instant(row[2]))).toList());
    }
}
