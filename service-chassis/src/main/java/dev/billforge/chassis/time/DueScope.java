package dev.billforge.chassis.time;

import java.time.Instant;
import java.util.Set;

/**
 * One slice of a background job's pass over every tenant's due work: which tenants it covers and what the business
 * time is for them. A job that claims due rows ({@code due_at <= now}) adds the scope's tenant condition to its claim
 * and runs once per scope of {@link BusinessClock#dueScopes()}: one per tenant whose test clock runs ahead, and
 * {@link #everyoneBut} those tenants at real time (in production, always the single scope {@link #everyone}). Tests
 * use {@link #tenant} to run a job for one tenant at a chosen time.
 *
 * @param tenants the tenants named by the scope (never null)
 * @param onlyThese true: the scope covers exactly {@code tenants}; false: every tenant except {@code tenants}
 */
public record DueScope(Instant now, Set<String> tenants, boolean onlyThese) {

    public DueScope {
        tenants = Set.copyOf(tenants);
    }

    /** Every tenant, at {@code now}. */
    public static DueScope everyone(Instant now) {
        return new DueScope(now, Set.of(), false);
    }

    /** Only {@code tenantId}, at {@code now}. */
    public static DueScope tenant(String tenantId, Instant now) {
        return new DueScope(now, Set.of(tenantId), true);
    }

    /** Every tenant but {@code excluded} (those on clocks of their own), at {@code now}. */
    public static DueScope everyoneBut(Set<String> excluded, Instant now) {
        return new DueScope(now, excluded, false);
    }

    /**
     * The tenant condition for SQL, on a {@code tenant_id} column: {@code (tenant_id = ANY(<tenants>)) = <onlyThese>},
     * to be bound with {@link #tenantArray()} and {@link #onlyThese()}. With no tenants named and
     * {@code onlyThese} false it holds for every row ({@code = ANY} of an empty array is false, not null).
     */
    public static String sqlCondition(String tenantColumn, String tenantsParameter, String onlyTheseParameter) {
        return "((" + tenantColumn + " = ANY(" + tenantsParameter + ")) = " + onlyTheseParameter + ")";
    }

    public String[] tenantArray() {
        return tenants.toArray(String[]::new);
    }
}
