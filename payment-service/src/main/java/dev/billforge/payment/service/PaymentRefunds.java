package dev.billforge.payment.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.persistence.UniqueConstraints;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentStatus;
import dev.billforge.payment.domain.Refund;
import dev.billforge.payment.provider.ProviderEvent;
import dev.billforge.payment.provider.ProviderException;
import dev.billforge.payment.provider.ProviderException.Kind;
import dev.billforge.payment.provider.RefundRequest;
import dev.billforge.payment.provider.RefundResult;
import dev.billforge.payment.store.PaymentStore;
import dev.billforge.payment.store.RefundStore;

/**
 * Gives money back from captured payments, never more than was captured, and each refund once:
 * <ol>
 * <li>the refund is recorded {@code pending}, its amount reserved on the locked payment, in a first transaction;</li>
 * <li>the provider is asked with the refund's idempotency key, outside any transaction;</li>
 * <li>its answer settles the refund in a second transaction, publishing {@code payment.refunded} on success; a
 * refused refund gives its reservation back.</li>
 * </ol>
 * An unanswered call leaves the refund pending for {@link PaymentRecovery} to repeat with the same key. Refunds made
 * in the provider's dashboard arrive through {@link #applyProviderUpdate} and are recorded and announced the same way.
 */
@ApplicationScoped
public class PaymentRefunds {
    /** The reasons a refund may give, as Stripe names them. */
    public static final Set<String> REASONS = Set.of("requested_by_customer", "duplicate", "fraudulent");

    private static final Logger LOG = Logger.getLogger(PaymentRefunds.class);

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final ProviderConnections connections;
    private final ProviderAccountService accounts;
    private final PaymentOutcomes outcomes;
    private final BusinessClock clock;

    public PaymentRefunds(PaymentStore payments, RefundStore refunds, ProviderConnections connections,
            ProviderAccountService accounts, PaymentOutcomes outcomes, BusinessClock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.connections = connections;
        this.accounts = accounts;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** A refund asked for through the API, as it stands once the provider answered (or could not). */
    public record Requested(Refund refund, boolean replayed) {
    }

    /**
     * Refunds {@code amount} of a captured payment, or all that remains when {@code amount} is null.
     *
     * @param requestKey the caller's Idempotency-Key: the same key again answers with the refund it created
     */
    @BillingOperation("refund")
    public Uni<Requested> refund(String tenantId, UUID paymentId, Long amount, String reason, String requestKey) {
        return Panache.withSession(() -> requestKey == null ? Uni.createFrom().nullItem()
                : refunds.findByRequestKey(tenantId, requestKey))
                .chain(earlier -> {
                    if (earlier != null) {
                        return replay(earlier, paymentId, amount, reason);
                    }
                    return reserve(tenantId, paymentId, amount, reason, requestKey)
                            .onFailure(UniqueConstraints.named("refund_request_key_uq"))
                            .transform(raced -> IdempotentRequests.keyInUse())
                            .chain(refund -> ask(tenantId, refund.id()))
                            .map(refund -> new Requested(refund, false));
                });
    }

    /** The same key again: the refund it made, if the request is the same one (same payment, amount and reason). */
    private static Uni<Requested> replay(Refund earlier, UUID paymentId, Long amount, String reason) {
        if (!earlier.paymentId().equals(paymentId) || amount != null && amount != earlier.amount()
                || !java.util.Objects.equals(reason, earlier.reason())) {
            return Uni.createFrom().failure(ApiException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different refund request."));
        }
        return Uni.createFrom().item(new Requested(earlier, true));
    }

    /** Step 1: checks what can be refunded and records the refund pending, its amount reserved. */
    private Uni<Refund> reserve(String tenantId, UUID paymentId, Long amount, String reason, String requestKey) {
        return Panache.withSession(() -> payments.findForTenant(tenantId, paymentId)).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.PAYMENT_NOT_FOUND, "payment", paymentId))
                // Checked before anything is recorded: a refund the tenant cannot make is a 400, not a failed refund.
                .call(payment -> accounts.credentials(tenantId, payment.provider()))
                .chain(() -> Panache.withTransaction(() -> payments.findForUpdate(tenantId, paymentId)
                        .chain(payment -> refunds.persist(Refund.requested(TimeOrderedIds.next(), payment,
                                refundable(payment, amount), reason, requestKey, clock.now(tenantId))))));
    }

    /** What this request refunds: {@code amount}, or all that is left when null; a 409 or 400 when it can't. */
    private static long refundable(Payment payment, Long amount) {
        long refundable = payment.refundable();
        if (refundable == 0) {
            throw ApiException.of(ErrorCode.PAYMENT_NOT_REFUNDABLE, payment.status() == PaymentStatus.SUCCEEDED
                    ? "Payment " + payment.id() + " is refunded in full already."
                    : "Payment " + payment.id() + " is " + payment.status().wire()
                            + ": only a captured payment can be refunded.");
        }
        if (amount != null && amount > refundable) {
            throw ApiException.of(ErrorCode.REFUND_AMOUNT_TOO_LARGE, "At most " + refundable + " (minor units of "
                    + payment.currency() + ") of this payment can still be refunded.");
        }
        return amount == null ? refundable : amount;
    }

    /**
     * Steps 2 and 3: asks the provider for a pending refund and records its answer, without holding a session
     * while the provider answers. Does nothing for a refund settled already; a failed call (outcome unknown) leaves
     * the refund pending.
     *
     * @return the refund as it stands afterwards
     */
    public Uni<Refund> ask(String tenantId, UUID refundId) {
        return Panache.withSession(() -> refunds.findForTenant(tenantId, refundId).chain(refund ->
                refund == null || !refund.isPending() ? Uni.createFrom().<PendingRefund> nullItem()
                        : payments.findForTenant(tenantId, refund.paymentId()).map(payment -> new PendingRefund(
                                refund.provider(), new RefundRequest(refund.id(), payment.id(),
                                        payment.providerReference(), refund.amount(), refund.currency(),
                                        refund.reason(), refund.idempotencyKey())))))
                .chain(pending -> pending == null ? Uni.createFrom().voidItem()
                        : callProvider(tenantId, pending.provider(), pending.request())
                                .chain(result -> settle(tenantId, refundId, result))
                                .onFailure().recoverWithUni(unknown -> {
                                    LOG.warnf("Refund %s stays pending: the provider's answer is unknown (%s)",
                                            refundId, unknown.toString());
                                    return Uni.createFrom().voidItem();
                                }))
                .chain(() -> Panache.withSession(() -> refunds.findForTenant(tenantId, refundId)));
    }

    private record PendingRefund(String provider, RefundRequest request) {
    }

    private Uni<RefundResult> callProvider(String tenantId, String provider, RefundRequest request) {
        RefundResult notConfigured = new RefundResult(Refund.Status.FAILED, null, Payment.PROVIDER_NOT_CONFIGURED,
                "Refunds through '" + provider + "' are not configured.");
        return connections.find(tenantId, provider).chain(connection -> connection == null
                ? Uni.createFrom().item(notConfigured)
                : connection.provider().refund(connection.credentials(), request)
                        // A known answer, though an error: the refund failed and gives its amount back. Only an
                        // unreachable provider (an unknown outcome) leaves it pending, asked again with the same key.
                        .onFailure(failure -> failure instanceof ProviderException known
                                && known.kind() != Kind.UNAVAILABLE)
                        .recoverWithItem(refused -> new RefundResult(Refund.Status.FAILED, null,
                                ((ProviderException) refused).code(), "The payment provider refused the refund.")));
    }

    /** Locks the payment, then the refund (the order the webhook path takes too), and records the answer. */
    private Uni<Void> settle(String tenantId, UUID refundId, RefundResult result) {
        return Panache.withTransaction(() -> refunds.findForTenant(tenantId, refundId)
                .chain(refund -> payments.findForUpdate(tenantId, refund.paymentId())
                        .call(payment -> Panache.getSession()
                                .chain(session -> session.refresh(refund, LockModeType.PESSIMISTIC_WRITE)))
                        .chain(payment -> settled(payment, refund, result.status(), result.providerReference(),
                                result.failureCode(), result.failureMessage()))));
    }

    /** Moves a pending refund to the provider's outcome and announces a success. */
    private Uni<Void> settled(Payment payment, Refund refund, Refund.Status outcome, String reference, String code,
            String message) {
        boolean moved = refund.settle(outcome, reference, code, message, payment, clock.now(payment.tenantId()));
        return moved && refund.succeeded() ? outcomes.refunded(payment, refund) : Uni.createFrom().voidItem();
    }

    /**
     * A provider's webhook about a refund, in the caller's transaction: settles one of ours, or records (and
     * announces) one made in the provider's dashboard. The payment is locked first, so two events about one new
     * dashboard refund cannot both record it.
     */
    public Uni<Void> applyProviderUpdate(String tenantId, String provider, ProviderEvent.RefundUpdate update) {
        if (update.paymentReference() == null) {
            return Uni.createFrom().voidItem();
        }
        return payments.findByProviderReferenceForUpdate(tenantId, provider, update.paymentReference())
                .chain(payment -> payment == null ? Uni.createFrom().voidItem()
                        : findRefund(tenantId, provider, update).chain(refund -> refund != null
                                ? settled(payment, refund, update.status(), update.refundReference(),
                                        update.failureCode(), "The provider could not give the money back.")
                                : recordDashboardRefund(payment, update)));
    }

    private Uni<Refund> findRefund(String tenantId, String provider, ProviderEvent.RefundUpdate update) {
        Uni<Refund> byId = update.refundId() == null ? Uni.createFrom().nullItem()
                : refunds.findForUpdate(tenantId, update.refundId());
        return byId.chain(found -> found != null || update.refundReference() == null ? Uni.createFrom().item(found)
                : refunds.findByProviderReferenceForUpdate(tenantId, provider, update.refundReference()));
    }

    private Uni<Void> recordDashboardRefund(Payment payment, ProviderEvent.RefundUpdate update) {
        if (update.status() != Refund.Status.FAILED && update.amount() > payment.refundable()) {
            // The provider refunded more than we know was left: our books and the provider's disagree. Recorded
            // nowhere rather than breaking the payment's invariant; loud, so someone reconciles it.
            LOG.errorf("%s refund %s of %d exceeds what payment %s has left to refund (%d); not recorded",
                    payment.provider(), update.refundReference(), update.amount(), payment.id(), payment.refundable());
            return Uni.createFrom().voidItem();
        }
        String reason = update.reason() != null && REASONS.contains(update.reason()) ? update.reason() : null;
        Refund refund = Refund.reportedByProvider(TimeOrderedIds.next(), payment, update.amount(), reason,
                update.refundReference(), update.status(), clock.now(payment.tenantId()));
        return refunds.persist(refund)
                .chain(() -> refund.succeeded() ? outcomes.refunded(payment, refund) : Uni.createFrom().voidItem());
    }

    @WithSession
    public Uni<Refund> get(String tenantId, UUID id) {
        return refunds.findForTenant(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.REFUND_NOT_FOUND, "refund", id));
    }

    /** The payment's refunds, newest first; 404 for a payment that is not the tenant's. */
    @WithSession
    public Uni<List<Refund>> listForPayment(String tenantId, UUID paymentId) {
        return payments.findForTenant(tenantId, paymentId).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.PAYMENT_NOT_FOUND, "payment", paymentId))
                .chain(payment -> refunds.listForPayment(tenantId, paymentId));
    }
}
