package dev.billforge.customer.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;

/**
 * The customers whose email has no blind index yet (written before the index existed), across tenants: a
 * maintenance query, outside any request and any tenant, so it is kept apart from {@link CustomerStore}.
 */
@ApplicationScoped
public class CustomerEmailIndexStore {

    /** A customer's id, tenant and billing email as stored (sealed or, before resealing, in the clear). */
    public record StoredEmail(UUID id, String tenantId, String storedEmail) {
    }

    private final Pool database;
    private final String selectSql;
    private final String updateSql;

    public CustomerEmailIndexStore(Pool database, ChassisConfig config) {
        this.database = database;
        String table = config.db().schema() + ".customer";
        this.selectSql = "SELECT id, tenant_id, billing_email FROM " + table
                + " WHERE billing_email_index IS NULL LIMIT $1";
        // Still unindexed: a write through the API since the read indexed the email it wrote (resealing the same
        // email meanwhile changes how it is stored, not what it is, so it does not stop this update).
        this.updateSql = "UPDATE " + table + " SET billing_email_index = $1 WHERE id = $2"
                + " AND billing_email_index IS NULL";
    }

    public Uni<List<StoredEmail>> withoutIndex(int limit) {
        return database.preparedQuery(selectSql).execute(Tuple.of(limit)).map(rows -> {
            List<StoredEmail> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new StoredEmail(row.getUUID("id"), row.getString("tenant_id"),
                        row.getString("billing_email")));
            }
            return found;
        });
    }

    /** Sets the index unless a write since the read set it already. */
    public Uni<Void> index(StoredEmail customer, String index) {
        return database.preparedQuery(updateSql).execute(Tuple.of(index, customer.id())).replaceWithVoid();
    }
}
