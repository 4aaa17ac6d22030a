package dev.billforge.chassis.paging;

import io.quarkus.panache.common.Parameters;

/**
 * The query of one page of a list: the tenant's rows, optional filters, strictly after the cursor, newest first by
 * (created_at, id) (keyset paging: no OFFSET, stable while rows are added). Field names are the entity's.
 *
 * <pre>{@code
 * NewestFirst page = NewestFirst.of(tenantId).where("customerId", customerId).after(cursor);
 * return find(page.query(), page.parameters()).range(0, fetch - 1).list();
 * }</pre>
 */
public final class NewestFirst {

    private final String alias;
    private final StringBuilder query;
    private final Parameters parameters;

    private NewestFirst(String select, String alias, String tenantId) {
        this.alias = alias.isEmpty() ? "" : alias + ".";
        this.query = new StringBuilder(select).append(this.alias).append("tenantId = :tenant");
        this.parameters = Parameters.with("tenant", tenantId);
    }

    /** Rows of the repository's entity. */
    public static NewestFirst of(String tenantId) {
        return new NewestFirst("", "", tenantId);
    }

    /** Rows of a full select, e.g. {@code ("from Subscription s join fetch s.plan", "s", tenantId)}. */
    public static NewestFirst select(String from, String alias, String tenantId) {
        return new NewestFirst(from + " where ", alias, tenantId);
    }

    /** Adds {@code field = value}, unless {@code value} is null (no such filter in the request). */
    public NewestFirst where(String field, Object value) {
        if (value != null) {
            String name = "p" + field.replace('.', '_');
            query.append(" and ").append(alias).append(field).append(" = :").append(name);
            parameters.and(name, value);
        }
        return this;
    }

    /** Adds {@code field in (values)}, unless {@code values} is null (no such filter in the request). */
    public NewestFirst whereIn(String field, java.util.Collection<?> values) {
        if (values != null) {
            String name = "p" + field.replace('.', '_') + "List";
            query.append(" and ").append(alias).append(field).append(" in :").append(name);
            parameters.and(name, values);
        }
        return this;
    }

    /** Adds a condition of its own without parameters, e.g. {@code deletedAt is null}. */
    public NewestFirst where(String condition) {
        query.append(" and ").append(condition);
        return this;
    }

    /** Adds a condition of its own with one named parameter, unless {@code value} is null. */
    public NewestFirst where(String condition, String parameter, Object value) {
        if (value != null) {
            query.append(" and ").append(condition);
            parameters.and(parameter, value);
        }
        return this;
    }

    /** Only rows strictly after {@code cursor} in newest-first order; no-op for a first page (null). */
    public NewestFirst after(PageCursor cursor) {
        if (cursor != null) {
            query.append(" and (").append(alias).append("createdAt < :cursorTime or (").append(alias)
                    .append("createdAt = :cursorTime and ").append(alias).append("id < :cursorId))");
            parameters.and("cursorTime", cursor.createdAt()).and("cursorId", cursor.id());
        }
        return this;
    }

    public String query() {
        return query + " order by " + alias + "createdAt desc, " + alias + "id desc";
    }

    public Parameters parameters() {
        return parameters;
    }
}
