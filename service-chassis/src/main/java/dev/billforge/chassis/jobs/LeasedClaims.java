package dev.billforge.chassis.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.time.DueScope;

/**
 * How background jobs take work from a table when several replicas run them: one statement picks due rows of any
 * tenant with {@code FOR UPDATE SKIP LOCKED} (replicas claiming at the same moment take different rows) and moves
 * each row's time column to the end of a lease (no replica claims it again until then), outside any transaction.
 * The job then does the slow part (a provider call, an HTTP delivery) and records the outcome in a short transaction
 * of its own; a replica that dies mid-way leaves the row to be claimed again when the lease ends.
 */
public final class LeasedClaims {

    /** A claimed row: its tenant and id. */
    public record Claimed(String tenantId, UUID id) {
    }

    private final Pool database;
    private final String sql;
    private final String reclaimSql;

    /**
     * @param table the schema-qualified table
     * @param timeColumn when the row is due (or was last attempted): compared with the due time, set to the lease end
     * @param condition what else makes a row claimable, e.g. {@code status = 'pending'}
     */
    public LeasedClaims(Pool database, String table, String timeColumn, String condition) {
        this.database = database;
        this.sql = "UPDATE " + table + " SET " + timeColumn + " = $1 WHERE id IN (SELECT id FROM " + table
                + " WHERE " + condition + " AND " + timeColumn + " <= $2 AND "
                + DueScope.sqlCondition("tenant_id", "$4", "$5") + " ORDER BY " + timeColumn + " LIMIT $3"
                + " FOR UPDATE SKIP LOCKED) RETURNING tenant_id, id";
        this.reclaimSql = "UPDATE " + table + " SET " + timeColumn + " = $1 WHERE id = $2 AND " + timeColumn + " = $3"
                + " AND " + condition;
    }

    /** Claims up to {@code batch} rows of any tenant due at {@code dueBy}, leased until {@code leaseUntil}. */
    public Uni<List<Claimed>> claim(Instant dueBy, Instant leaseUntil, int batch) {
        return claim(DueScope.everyone(dueBy), dueBy, leaseUntil, batch);
    }

    /**
     * Claims up to {@code batch} rows of the scope's tenants due at {@code dueBy}, leased until {@code leaseUntil}:
     * for rows whose times are business times (see {@link dev.billforge.chassis.time.BusinessClock}).
     */
    public Uni<List<Claimed>> claim(DueScope scope, Instant dueBy, Instant leaseUntil, int batch) {
        return database.preparedQuery(sql)
                .execute(Tuple.of(utc(leaseUntil), utc(dueBy), batch, scope.tenantArray(), scope.onlyThese()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(new Claimed(row.getString("tenant_id"), row.getUUID("id"))));
                    return claimed;
                });
    }

    /**
     * Leases one row again, for work that was handed the row a while ago and is about to do the slow part: only if
     * the row is still claimable by condition and its time column still holds {@code seen} (no job claimed it since).
     * False when another claim got there first, and then the work is that claim's to do.
     */
    public Uni<Boolean> reclaim(UUID id, Instant seen, Instant leaseUntil) {
        return database.preparedQuery(reclaimSql).execute(Tuple.of(utc(leaseUntil), id, utc(seen)))
                .map(updated -> updated.rowCount() == 1);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
