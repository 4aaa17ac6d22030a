package dev.billforge.payment.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.jobs.LeasedClaims;
import dev.billforge.chassis.paging.NewestFirst;
import dev.billforge.chassis.persistence.SessionSql;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentFilter;
import dev.billforge.payment.domain.PaymentStatus;

/** Payments in this service's schema. Every query takes the tenant, except the recovery job's claim. */
@ApplicationScoped
public class PaymentStore implements PanacheRepositoryBase<Payment, UUID> {

    /**
     * An invoice attempt that already has a payment inserts nothing, instead of failing the transaction on the
     * unique constraint: a second delivery of the attempt (under another event id) finds it already charged.
     */
    private static final String INSERT_ALL_SQL = "INSERT INTO {h-schema}payment (id, tenant_id, invoice_id,"
            + " subscription_id, customer_id, payment_method_id, amount, currency, status, provider, provider_reference,"
            + " attempt, idempotency_key, failure_code, failure_message, created_at, updated_at, charge_attempted_at,"
            + " on_request) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[],"
            + " $6::uuid[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[],"
            + " $14::text[], $15::text[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::boolean[])"
            + " ON CONFLICT (tenant_id, invoice_id, attempt) DO NOTHING RETURNING id";

    private final LeasedClaims stuck;
    private final SessionSql sql;

    public PaymentStore(Pool database, ChassisConfig config, SessionSql sql) {
        this.sql = sql;
        // A payment whose provider already told us it is under way (a reference recorded while processing) is
        // settled by the provider's webhook, not by asking again.
        this.stuck = new LeasedClaims(database, config.db().schema() + ".payment", "charge_attempted_at",
                "status = 'processing' AND provider_reference IS NULL");
    }

    /** Every payment attempt of the invoice, in attempt order. */
    public Uni<List<Payment>> attemptsOf(String tenantId, UUID invoiceId) {
        return find("tenantId = ?1 and invoiceId = ?2 order by attempt", tenantId, invoiceId).list();
    }

    /**
     * Inserts the payments, each unless its invoice attempt has one already, with one statement; returns the ids of
     * those inserted.
     */
    public Uni<Set<UUID>> insertAllUnlessAttempted(List<Payment> all) {
        if (all.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sql.select(INSERT_ALL_SQL, SessionSql.column(all, Payment::id, new UUID[0]),
                SessionSql.column(all, Payment::tenantId, new String[0]),
                SessionSql.column(all, Payment::invoiceId, new UUID[0]),
                SessionSql.column(all, Payment::subscriptionId, new UUID[0]),
                SessionSql.column(all, Payment::customerId, new UUID[0]),
                SessionSql.column(all, Payment::paymentMethodId, new UUID[0]),
                SessionSql.column(all, Payment::amount, new Long[0]),
                SessionSql.column(all, Payment::currency, new String[0]),
                SessionSql.column(all, p -> p.status().wire(), new String[0]),
                SessionSql.column(all, Payment::provider, new String[0]),
                SessionSql.column(all, Payment::providerReference, new String[0]),
                SessionSql.column(all, Payment::attempt, new Integer[0]),
                SessionSql.column(all, Payment::idempotencyKey, new String[0]),
                SessionSql.column(all, Payment::failureCode, new String[0]),
                SessionSql.column(all, Payment::failureMessage, new String[0]),
                SessionSql.instants(all, Payment::createdAt),
                SessionSql.instants(all, Payment::updatedAt),
                SessionSql.instants(all, Payment::chargeAttemptedAt),
                SessionSql.column(all, Payment::onRequest, new Boolean[0]))
                .map(rows -> {
                    Set<UUID> inserted = new HashSet<>();
                    rows.forEach(row -> inserted.add((UUID) row[0]));
                    return inserted;
                });
    }

    /** The columns a provider's answer settles ({@code Payment.record}, {@code awaitProvider}), set per id. */
    private static final String WRITE_OUTCOMES_SQL = "UPDATE {h-schema}payment p SET status = s.status,"
            + " provider_reference = s.provider_reference, failure_code = s.failure_code, decline_code = s.decline_code,"
            + " failure_message = s.failure_message, updated_at = s.updated_at FROM unnest($1::uuid[], $2::text[],"
            + " $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS s(id, status, provider_reference,"
            + " failure_code, decline_code, failure_message, updated_at) WHERE p.id = s.id";

    /**
     * Writes the providers' answers applied in memory to these payments (managed by the session, locked by the
     * caller) with one statement, instead of one {@code UPDATE} per payment when the session flushes.
     */
    public Uni<Void> writeOutcomes(List<Payment> answered) {
        if (answered.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.update(WRITE_OUTCOMES_SQL, SessionSql.column(answered, Payment::id, new UUID[0]),
                SessionSql.column(answered, p -> p.status().wire(), new String[0]),
                SessionSql.column(answered, Payment::providerReference, new String[0]),
                SessionSql.column(answered, Payment::failureCode, new String[0]),
                SessionSql.column(answered, Payment::declineCode, new String[0]),
                SessionSql.column(answered, Payment::failureMessage, new String[0]),
                SessionSql.instants(answered, Payment::updatedAt))
                .chain(() -> SessionSql.markWritten(answered));
    }

    /** Inserts the payment unless its invoice attempt has one already; true when inserted. */
    public Uni<Boolean> insertUnlessAttempted(Payment payment) {
        return insertAllUnlessAttempted(List.of(payment)).map(inserted -> !inserted.isEmpty());
    }

    public Uni<Payment> findForTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** The payments with these ids (any tenant's: the caller checks), one query. */
    public Uni<List<Payment>> findAllById(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : find("id in ?1", ids).list();
    }

    /**
     * The payments with these ids, row-locked until the transaction ends (in id order, so two sets never wait on
     * each other crosswise), one query; any tenant's: the caller checks.
     */
    public Uni<List<Payment>> findAllByIdForUpdate(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The payment, row-locked until the transaction ends, so only one of two racing settlements sees it open. */
    public Uni<Payment> findForUpdate(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The invoice's captured payments, row-locked. */
    public Uni<List<Payment>> succeededForInvoiceForUpdate(String tenantId, UUID invoiceId) {
        return find("tenantId = ?1 and invoiceId = ?2 and status = ?3", tenantId, invoiceId, PaymentStatus.SUCCEEDED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The payment the provider calls {@code reference}, row-locked, or null. */
    public Uni<Payment> findByProviderReferenceForUpdate(String tenantId, String provider, String reference) {
        return find("tenantId = ?1 and provider = ?2 and providerReference = ?3", tenantId, provider, reference)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Up to {@code fetch} payments matching {@code filter}, newest first, strictly after {@code cursor} when given. */
    public Uni<List<Payment>> page(String tenantId, PaymentFilter filter, Payment cursor, int fetch) {
        NewestFirst page = NewestFirst.of(tenantId).where("invoiceId", filter.invoiceId())
                .where("customerId", filter.customerId()).where("status", filter.status()).after(cursor);
        return find(page.query(), page.parameters()).range(0, fetch - 1).list();
    }

    /**
     * Claims up to {@code batch} payments of any tenant still {@code processing} with no answer from the provider,
     * whose provider call was last made before {@code stuckSince}, marking them attempted at {@code now}.
     */
    public Uni<List<LeasedClaims.Claimed>> claimStuck(DueScope scope, Instant stuckSince, Instant now, int batch) {
        return stuck.claim(scope, stuckSince, now, batch);
    }

    /**
     * Marks a {@code processing} payment attempted at {@code now} again, if it still shows {@code attemptedAt} (no
     * recovery run claimed it since); true when it did.
     */
    public Uni<Boolean> reclaimAttempt(UUID id, Instant attemptedAt, Instant now) {
        return stuck.reclaim(id, attemptedAt, now);
    }
}
