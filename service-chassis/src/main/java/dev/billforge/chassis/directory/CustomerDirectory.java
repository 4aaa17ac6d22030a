package dev.billforge.chassis.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.persistence.NativeRows;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.secrets.PersonalData;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.events.customer.CustomerSnapshot;

/**
 * The customers this service has heard of (see {@link KnownCustomer}). Enabled per service with
 * {@code billforge.customer-directory.enabled=true}, which also starts {@link CustomerDirectoryConsumer}.
 *
 * <p>A client may create a customer and use its id a millisecond later, before {@code customer.created} has
 * reached us. Customer ids are time-ordered ({@link TimeOrderedIds}), so for an id minted within the catch-up
 * window we wait (up to the catch-up timeout) for the event instead of answering 404; an old or foreign id is
 * answered at once.
 */
@ApplicationScoped
public class CustomerDirectory {
    private static final long POLL_MILLIS = 20;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final PersonalData personalData;
    private final Clock clock;
    private final Vertx vertx;
    private final ChassisConfig.CustomerDirectory config;

    private final SessionSql sql;

    public CustomerDirectory(Clock clock, Vertx vertx, ChassisConfig config, PersonalData personalData,
            SessionSql sql) {
        this.personalData = personalData;
        this.sql = sql;
        this.clock = clock;
        this.vertx = vertx;
        this.config = config.customerDirectory();
    }

    /**
     * The tenant's customer as last announced, deleted or not, or null when never heard of; no waiting. For what
     * still concerns a deleted customer (the last invoices of their subscriptions).
     */
    public Uni<KnownCustomer> findEvenIfDeleted(String tenantId, UUID customerId) {
        return Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.find(KnownCustomer.class, new KnownCustomer.Key(tenantId, customerId))));
    }

    /**
     * The customers of these ids as last announced, deleted or not, each only under its own tenant (keyed by
     * {@link #key}), one query; those never heard of are missing. Inside the caller's session; what it answers is
     * read-only (not an entity of the session).
     */
    public Uni<Map<String, KnownCustomer>> findAllEvenIfDeleted(Collection<KnownCustomer.Key> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<KnownCustomer.Key> distinct = keys.stream().distinct().toList();
        return sql.select(FIND_ALL_SQL, SessionSql.column(distinct, KnownCustomer.Key::tenantId, new String[0]),
                SessionSql.column(distinct, KnownCustomer.Key::customerId, new UUID[0]))
                .map(rows -> {
                    Map<String, KnownCustomer> byKey = new HashMap<>();
                    for (Object[] row : rows) {
                        KnownCustomer customer = new KnownCustomer();
                        customer.tenantId = (String) row[0];
                        customer.customerId = (UUID) row[1];
                        customer.billingEmail = opened(row[2]);
                        customer.name = opened(row[3]);
                        customer.taxCountry = (String) row[4];
                        customer.billingAddress = opened(row[5]);
                        customer.deletedAt = NativeRows.instant(row[6]);
                        customer.asOf = NativeRows.instant(row[7]);
                        byKey.put(key(customer.tenantId, customer.customerId), customer);
                    }
                    return byKey;
                });
    }

    private String opened(Object sealed) {
        return sealed == null ? null : personalData.open((String) sealed);
    }

    /** The key {@link #findAllEvenIfDeleted} answers under. */
    public static String key(String tenantId, UUID customerId) {
        return tenantId + '\n' + customerId;
    }

    /** The tenant's live customer, or null; no waiting. */
    public Uni<KnownCustomer> find(String tenantId, UUID customerId) {
        return Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.find(KnownCustomer.class, new KnownCustomer.Key(tenantId, customerId))))
                .map(customer -> customer != null && customer.live() ? customer : null);
    }

    /**
     * The tenant's live customer, waiting for a just-created one to be announced; fails with 404
     * {@code customer_not_found} otherwise. Call it before opening a transaction: it may wait.
     */
    public Uni<KnownCustomer> require(String tenantId, UUID customerId) {
        Instant minted = TimeOrderedIds.mintedAt(customerId).orElse(Instant.EPOCH);
        Instant now = clock.instant();
        // Minted within the window, allowing for a little clock skew between services; an id "from the future"
        // is forged, and must not make the request wait.
        boolean maybeInFlight = minted.isAfter(now.minus(config.catchUpWindow()))
                && minted.isBefore(now.plus(CLOCK_SKEW));
        long deadline = System.nanoTime() + (maybeInFlight ? config.catchUpTimeout().toNanos() : 0);
        return findUntil(tenantId, customerId, deadline).onItem().ifNull()
                .failWith(() -> ApiException.of(ErrorCode.CUSTOMER_NOT_FOUND, "No such customer: " + customerId));
    }

    private Uni<KnownCustomer> findUntil(String tenantId, UUID customerId, long deadline) {
        return find(tenantId, customerId).flatMap(customer -> {
            if (customer != null || System.nanoTime() >= deadline) {
                return Uni.createFrom().item(customer);
            }
            // A Vert.x timer resumes on this request's context, where the reactive session lives.
            return Uni.createFrom().<Long>emitter(tick -> vertx.setTimer(POLL_MILLIS, tick::complete))
                    .flatMap(ignored -> findUntil(tenantId, customerId, deadline));
        });
    }

    /**
     * Applies a created/updated snapshot, unless a newer event was applied already or the customer was deleted. One
     * statement: two replicas applying events of one customer concurrently cannot both insert, nor can an older
     * event overwrite a newer one between a read and a write.
     */
    Uni<Void> remember(String tenantId, CustomerSnapshot customer, Instant eventTime) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(REMEMBER_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customer.id())
                .setParameter("email", personalData.seal(customer.billingEmail())) // native SQL: no converter
                .setParameter("name", personalData.seal(customer.name()))
                .setParameter("taxCountry", customer.taxCountry())
                .setParameter("address", customer.address() == null ? null
                        : personalData.seal(KnownCustomer.addressJson(customer.address())))
                .setParameter("asOf", eventTime)
                .executeUpdate()).replaceWithVoid();
    }

    /** Marks a customer deleted; a deletion is final, whatever order the events arrive in. */
    Uni<Void> forget(String tenantId, UUID customerId, Instant deletedAt, Instant eventTime) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(FORGET_SQL)
                .setParameter("tenant", tenantId)
                .setParameter("customer", customerId)
                .setParameter("deletedAt", deletedAt)
                .setParameter("asOf", eventTime)
                .executeUpdate()).replaceWithVoid();
    }

    // Exactly the asked pairs, by the primary key (tenant_id, customer_id).
    private static final String FIND_ALL_SQL = "SELECT c.tenant_id, c.customer_id, c.billing_email, c.name,"
            + " c.tax_country, c.billing_address, c.deleted_at, c.as_of FROM {h-schema}known_customer AS c"
            + " JOIN unnest($1::text[], $2::uuid[]) AS k (tenant_id, customer_id)"
            + " ON c.tenant_id = k.tenant_id AND c.customer_id = k.customer_id";

    private static final String REMEMBER_SQL = "INSERT INTO {h-schema}known_customer"
            + " (tenant_id, customer_id, billing_email, name, tax_country, billing_address, as_of)"
            + " VALUES (:tenant, :customer, :email, :name, :taxCountry, :address, :asOf)"
            + " ON CONFLICT (tenant_id, customer_id) DO UPDATE SET billing_email = EXCLUDED.billing_email,"
            + " name = EXCLUDED.name, tax_country = EXCLUDED.tax_country, billing_address = EXCLUDED.billing_address,"
            + " as_of = EXCLUDED.as_of"
            + " WHERE known_customer.deleted_at IS NULL AND known_customer.as_of <= EXCLUDED.as_of";

    // Deleted before we heard of its creation: remembered as deleted, so nothing can use it.
    private static final String FORGET_SQL = "INSERT INTO {h-schema}known_customer"
            + " (tenant_id, customer_id, billing_email, deleted_at, as_of) VALUES (:tenant, :customer, '', :deletedAt, :asOf)"
            + " ON CONFLICT (tenant_id, customer_id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,"
            + " as_of = GREATEST(known_customer.as_of, EXCLUDED.as_of)";
}
