package dev.billforge.payment.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.payment.domain.InvoiceDue;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentMethod;
import dev.billforge.payment.provider.ChargeRequest;
import dev.billforge.payment.provider.ChargeResult;
import dev.billforge.payment.store.PaymentMethodStore;
import dev.billforge.payment.store.PaymentStore;
import dev.billforge.payment.store.VoidedInvoiceStore;

/**
 * Collects invoices, once per invoice attempt, without holding a transaction open while a provider answers:
 * <ol>
 * <li>{@link #openAttempt} records the attempt as {@code processing} (or as failed, when there is nothing to
 * charge) in the transaction that records the {@code invoice.finalized} event;</li>
 * <li>{@link #charge} then calls the provider with the attempt's idempotency key and settles the payment in a new
 * transaction, publishing {@code payment.succeeded} or {@code payment.failed} with it;</li>
 * <li>{@link PaymentRecovery} repeats step 2 for attempts left {@code processing} by a crash or an unreachable
 * provider; the provider deduplicates on the key, and only the first settlement of an attempt counts.</li>
 * </ol>
 */
@ApplicationScoped
public class InvoiceCharging {

    private static final Logger LOG = Logger.getLogger(InvoiceCharging.class);

    /** An attempt recorded as {@code processing}: its provider call is due. */
    public record OpenedAttempt(String tenantId, UUID paymentId) {
    }

    private final Tracing tracing;
    private final PaymentStore payments;
    private final PaymentMethodStore methods;
    private final VoidedInvoiceStore voided;
    private final ProviderConnections connections;
    private final PaymentOutcomes outcomes;
    private final BusinessClock clock;
    private final PaymentConfig config;

    public InvoiceCharging(PaymentStore payments, PaymentMethodStore methods, VoidedInvoiceStore voided,
            ProviderConnections connections, PaymentOutcomes outcomes, BusinessClock clock, PaymentConfig config,
            Tracing tracing) {
        this.tracing = tracing;
        this.payments = payments;
        this.methods = methods;
        this.voided = voided;
        this.connections = connections;
        this.outcomes = outcomes;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Step 1, inside the caller's transaction (the inbox's): records the invoice attempt unless it was recorded
     * before. Without a default payment method the attempt fails right away and {@code payment.failed} is published
     * in this transaction.
     *
     * @return the attempt whose provider call is due (as the item), or null when there is none
     */
    public Uni<OpenedAttempt> openAttempt(String tenantId, InvoiceDue invoice) {
        if (invoice.nothingToCollect()) {
            return Uni.createFrom().nullItem();
        }
        // invoice.voided can be consumed before invoice.finalized (they travel on different topics): never charge it.
        return voided.isVoided(tenantId, invoice.invoiceId()).chain(isVoided -> isVoided ? Uni.createFrom().nullItem()
                : openAttemptOfPayable(tenantId, invoice));
    }

    /**
     * Inside the caller's transaction (the inbox's): records the attempt someone asked for
     * ({@code invoice.payment_requested}) with {@code paymentMethodId}, which must be a live payment method of the
     * invoice's customer, or with the customer's default when null. It is the invoice's next attempt, after every one
     * made so far, with an idempotency key of its own. Without a usable payment method it fails at once, announced.
     * <p>
     * No attempt is made while another one may still take the money: one under way ({@code processing},
     * {@code pending}, waiting for the customer's authentication) or one that succeeded. Asking to pay an invoice
     * whose automatic charge is still in flight must not charge it twice; the request is logged and its outcome is
     * that attempt's.
     *
     * @return the attempt whose provider call is due, or null when there is none
     */
    public Uni<OpenedAttempt> openRequestedAttempt(String tenantId, InvoiceDue invoice, UUID paymentMethodId) {
        if (invoice.nothingToCollect()) {
            return Uni.createFrom().nullItem();
        }
        Uni<PaymentMethod> method = paymentMethodId == null ? methods.findDefault(tenantId, invoice.customerId())
                : methods.findLive(tenantId, paymentMethodId)
                        .map(found -> found != null && found.customerId().equals(invoice.customerId()) ? found : null);
        return voided.isVoided(tenantId, invoice.invoiceId()).chain(isVoided -> isVoided ? Uni.createFrom().nullItem()
                : method.chain(chosen -> openNextAttempt(tenantId, invoice, chosen, paymentMethodId, 0)));
    }

    /**
     * Opens the invoice's next attempt unless one may still take the money. When a concurrent attempt (the
     * finalized invoice's own, a dunning retry) takes the number first, the insert waits for its transaction and does
     * nothing: the attempts are read again, and that one now blocks this request, or the next number is free. The
     * request is processed once (the inbox), so this never makes two attempts of one request.
     */
    private Uni<OpenedAttempt> openNextAttempt(String tenantId, InvoiceDue invoice, PaymentMethod method,
            UUID requestedMethodId, int collisions) {
        return payments.attemptsOf(tenantId, invoice.invoiceId()).chain(attempts -> {
            Payment inFlight = attempts.stream().filter(InvoiceCharging::mayStillTakeTheMoney).findFirst()
                    .orElse(null);
            if (inFlight != null) {
                LOG.infof("Payment of invoice %s (tenant %s) asked for while attempt %d is %s: no new attempt",
                        invoice.invoiceId(), tenantId, inFlight.attempt(), inFlight.status().wire());
                return Uni.createFrom().<OpenedAttempt> nullItem();
            }
            int number = attempts.isEmpty() ? 1 : attempts.get(attempts.size() - 1).attempt() + 1;
            return insertAttempt(tenantId, invoice, method, requestedMethodId, number, collisions);
        });
    }

    private static boolean mayStillTakeTheMoney(Payment attempt) {
        return switch (attempt.status()) {
            case PENDING, PROCESSING, REQUIRES_ACTION, SUCCEEDED -> true;
            case FAILED, CANCELED -> false;
        };
    }

    private Uni<OpenedAttempt> insertAttempt(String tenantId, InvoiceDue invoice, PaymentMethod method,
            UUID requestedMethodId, int number, int collisions) {
        InvoiceDue due = invoice.asAttempt(number);
        Instant now = clock.now(tenantId);
        Payment payment = method != null ? Payment.processing(TimeOrderedIds.next(), tenantId, due, method, now)
                : Payment.withoutPaymentMethod(TimeOrderedIds.next(), tenantId, due, config.defaultProvider(),
                        requestedMethodId == null ? "The customer has no default payment method."
                                : "Payment method " + requestedMethodId + " is not a payment method of the customer.",
                        now);
        return payments.insertUnlessAttempted(payment).chain(inserted -> {
            if (!inserted) {
                return collisions < 5 ? openNextAttempt(tenantId, invoice, method, requestedMethodId, collisions + 1)
                        : Uni.createFrom().failure(new IllegalStateException("Could not number an attempt of invoice "
                                + invoice.invoiceId() + ": attempts keep being taken concurrently"));
            }
            if (method == null) {
                return outcomes.publish(payment).replaceWith(Uni.createFrom().nullItem());
            }
            return Uni.createFrom().item(new OpenedAttempt(tenantId, payment.id()));
        });
    }

    private Uni<OpenedAttempt> openAttemptOfPayable(String tenantId, InvoiceDue invoice) {
        return methods.findDefault(tenantId, invoice.customerId()).chain(method -> {
            if (method == null) {
                Payment failed = Payment.withoutPaymentMethod(TimeOrderedIds.next(), tenantId, invoice,
                        config.defaultProvider(), clock.now(tenantId));
                return payments.insertUnlessAttempted(failed)
                        .call(inserted -> inserted ? outcomes.publish(failed) : Uni.createFrom().voidItem())
                        .replaceWith(Uni.createFrom().nullItem());
            }
            Payment processing = Payment.processing(TimeOrderedIds.next(), tenantId, invoice, method,
                    clock.now(tenantId));
            // Not inserted: this attempt was opened before (the same invoice attempt under another event id); it is
            // charged, or being charged, already.
            return payments.insertUnlessAttempted(processing)
                    .map(inserted -> inserted ? new OpenedAttempt(tenantId, processing.id()) : null);
        });
    }

    /**
     * Step 2, in sessions of its own: asks the provider to charge a {@code processing} payment and records the
     * answer. Does nothing for a payment settled already. A failed Uni (outcome unknown) leaves the payment
     * {@code processing}, for the recovery job to repeat with the same idempotency key.
     */
    @BillingOperation("process_payment")
    public Uni<Void> charge(String tenantId, UUID paymentId) {
        return charge(tenantId, paymentId, false);
    }

    /**
     * For recovery: finishes a {@code processing} payment whose provider call may have been made and lost its
     * answer, by asking the provider for that call's outcome ({@code PaymentProvider.lookUpCharge}).
     */
    public Uni<Void> recover(String tenantId, UUID paymentId) {
        return charge(tenantId, paymentId, true);
    }

    private Uni<Void> charge(String tenantId, UUID paymentId, boolean askedBefore) {
        return Panache.withSession(() -> payments.findForTenant(tenantId, paymentId)
                .chain(payment -> payment == null || !payment.isProcessing() ? Uni.createFrom().nullItem()
                        : methods.findLive(tenantId, payment.paymentMethodId()) // detached: never charged, even on recovery
                                .map(method -> new PendingCharge(payment.provider(), payment.chargeAttemptedAt(),
                                        method == null ? null : new ChargeRequest(payment.id(), payment.invoiceId(),
                                                method.providerCustomerId(), method.providerToken(), payment.amount(),
                                                payment.currency(), payment.idempotencyKey(), "Invoice "
                                                        + payment.invoiceId() + ", attempt " + payment.attempt(),
                                                method.card() != null && method.card().isWallet())))))
                .chain(pending -> pending == null ? Uni.createFrom().voidItem()
                        : stillOurs(tenantId, paymentId, pending).chain(ours -> !ours ? Uni.createFrom().voidItem()
                                : callProvider(tenantId, pending, askedBefore)
                                        .chain(result -> settle(tenantId, paymentId, result))));
    }

    /**
     * @param attemptedAt when the attempt was opened or last claimed by recovery
     * @param request null when the payment method was detached since the attempt was opened
     */
    private record PendingCharge(String provider, Instant attemptedAt, ChargeRequest request) {
    }

    /**
     * Whether this run makes the provider call. An attempt opened a while ago (the tail of a batch whose charges go
     * one after another behind slow provider answers) is marked attempted again first, unless recovery, which takes
     * attempts older than {@code stuck-after}, claimed it meanwhile: then the call is recovery's. So the two never
     * ask the provider about one payment at the same time (the idempotency key would keep it one charge, but a
     * provider answers concurrent requests with one key with an error).
     */
    private Uni<Boolean> stillOurs(String tenantId, UUID paymentId, PendingCharge pending) {
        Instant now = clock.now(tenantId);
        Instant reclaimAfter = pending.attemptedAt() == null ? null
                : pending.attemptedAt().plus(config.recovery().stuckAfter().dividedBy(3));
        if (pending.request() == null || reclaimAfter == null || now.isBefore(reclaimAfter)) {
            return Uni.createFrom().item(true);
        }
        return payments.reclaimAttempt(paymentId, pending.attemptedAt(), now);
    }

    private Uni<ChargeResult> callProvider(String tenantId, PendingCharge pending, boolean askedBefore) {
        if (pending.request() == null) {
            return Uni.createFrom().item(ChargeResult.declined(null, Payment.NO_PAYMENT_METHOD,
                    "The payment method of this attempt was removed before it could be charged."));
        }
        return connections.find(tenantId, pending.provider()).chain(connection -> connection == null
                ? Uni.createFrom().item(notConfigured(pending.provider()))
                : Tracing.within(tracing.startClient((askedBefore ? "look up charge: " : "charge: ")
                        + pending.provider()), () -> askedBefore
                                ? connection.provider().lookUpCharge(connection.credentials(), pending.request())
                                : connection.provider().charge(connection.credentials(), pending.request())));
    }

    private static ChargeResult notConfigured(String provider) {
        return ChargeResult.declined(null, Payment.PROVIDER_NOT_CONFIGURED,
                "Payments through '" + provider + "' are not configured.");
    }

    /** Records the provider's answer, unless a concurrent run (recovery, a replica) recorded one first. */
    private Uni<Void> settle(String tenantId, UUID paymentId, ChargeResult result) {
        return Panache.withTransaction(() -> payments.findForUpdate(tenantId, paymentId).chain(payment -> {
            if (payment == null || !payment.isProcessing()) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.now(tenantId);
            switch (result) {
                case ChargeResult.Pending pending -> {
                    payment.awaitProvider(pending.providerReference(), now);
                    return Uni.createFrom().voidItem(); // nothing to announce until the provider settles it
                }
                case ChargeResult.Succeeded succeeded -> payment.succeed(succeeded.providerReference(), now);
                case ChargeResult.Declined declined -> payment.fail(declined.providerReference(),
                        declined.failureCode(), declined.declineCode(), declined.failureMessage(), now);
                case ChargeResult.RequiresAction action -> payment.requireAction(action.providerReference(),
                        action.failureCode(), action.failureMessage(), now);
            }
            return outcomes.publish(payment);
        }));
    }
}
