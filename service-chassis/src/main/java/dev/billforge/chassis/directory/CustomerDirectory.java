package dev.billforge.chassis.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.time.TimeOrderedIds;
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

    public static final String NOT_FOUND = "customer_not_found";
    private static final long POLL_MILLIS = 20;

    private final Clock clock;
    private final Vertx vertx;
    private final ChassisConfig.CustomerDirectory config;

    public CustomerDirectory(Clock clock, Vertx vertx, ChassisConfig config) {
        this.clock = clock;
        this.vertx = vertx;
        this.config = config.customerDirectory();
    }

    /** The tenant's live customer, or null; no waiting. */
    public Uni<KnownCustomer> find(String tenantId, UUID customerId) {
        return Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.find(KnownCustomer.class, new KnownCustomer.Key(tenantId, customerId))))
                .map(customer -> customer != null && customer.live() ? customer : null);
    }

    /**
     * The tenant's live customer, waiting for a just-created one to be announced; fails with 404
     * {@value #NOT_FOUND} otherwise. Call it before opening a transaction: it may wait.
     */
    public Uni<KnownCustomer> require(String tenantId, UUID customerId) {
        Instant minted = TimeOrderedIds.mintedAt(customerId).orElse(Instant.EPOCH);
        boolean maybeInFlight = Duration.between(minted, clock.instant()).compareTo(config.catchUpWindow()) < 0;
        long deadline = System.nanoTime() + (maybeInFlight ? config.catchUpTimeout().toNanos() : 0);
        return findUntil(tenantId, customerId, deadline).onItem().ifNull()
                .failWith(() -> ApiException.notFound(NOT_FOUND, "No such customer: " + customerId));
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

    /** Applies a created/updated snapshot, unless a newer event was applied already. */
    Uni<Void> remember(String tenantId, CustomerSnapshot customer, Instant eventTime) {
        return Panache.getSession().flatMap(session -> session
                .find(KnownCustomer.class, new KnownCustomer.Key(tenantId, customer.id()))
                .flatMap(known -> {
                    if (known != null && known.asOf.isAfter(eventTime)) {
                        return Uni.createFrom().voidItem();
                    }
                    KnownCustomer row = known != null ? known : new KnownCustomer();
                    row.tenantId = tenantId;
                    row.customerId = customer.id();
                    row.billingEmail = customer.billingEmail();
                    row.name = customer.name();
                    row.asOf = eventTime;
                    return known != null ? Uni.createFrom().voidItem() : session.persist(row);
                }));
    }

    /** Marks a customer deleted; a deletion is final, whatever order the events arrive in. */
    Uni<Void> forget(String tenantId, UUID customerId, Instant deletedAt, Instant eventTime) {
        return Panache.getSession().flatMap(session -> session
                .find(KnownCustomer.class, new KnownCustomer.Key(tenantId, customerId))
                .flatMap(known -> {
                    if (known == null) {
                        // Deleted before we heard of its creation: remember it as deleted so nothing can use it.
                        KnownCustomer row = new KnownCustomer();
                        row.tenantId = tenantId;
                        row.customerId = customerId;
                        row.billingEmail = "";
                        row.deletedAt = deletedAt;
                        row.asOf = eventTime;
                        return session.persist(row);
                    }
                    known.deletedAt = deletedAt;
                    known.asOf = eventTime.isAfter(known.asOf) ? eventTime : known.asOf;
                    return Uni.createFrom().voidItem();
                }));
    }
}
