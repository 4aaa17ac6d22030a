package dev.billforge.payment.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.jobs.LeasedJob;
import dev.billforge.chassis.telemetry.BillingOperations;
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

    /**
     * An attempt recorded as {@code processing}: its provider call is due.
     *
     * @param journey the trace context it was opened in (its provider call and outcome continue that trace)
     */
    public record OpenedAttempt(String tenantId, UUID paymentId, Context journey) {

        public OpenedAttempt(String tenantId, UUID paymentId) {
            this(tenantId, paymentId, Context.current());
        }
    }

    private final Tracing tracing;
    private final PaymentStore payments;
    private final PaymentMethodStore methods;
    private final VoidedInvoiceStore voided;
    private final ProviderConnections connections;
    private final PaymentOutcomes outcomes;
    private final BusinessClock clock;
    private final PaymentConfig config;
    private final BillingOperations operations;

    public InvoiceCharging(PaymentStore payments, PaymentMethodStore methods, VoidedInvoiceStore voided,
            ProviderConnections connections, PaymentOutcomes outcomes, BusinessClock clock, PaymentConfig config,
            Tracing tracing, BillingOperations operations) {
        this.tracing = tracing;
        this.operations = operations;
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
        return openAttempts(List.of(new DueAttempt(tenantId, invoice, Context.current())))
                .map(opened -> opened.isEmpty() ? null : opened.get(0));
    }

    /**
     * An invoice attempt to open.
     *
     * @param journey the trace context it was asked for in
     */
    public record DueAttempt(String tenantId, InvoiceDue invoice, Context journey) {
    }

    /**
     * {@link #openAttempt} for a set (a consumed batch's finalized invoices), with a fixed number of statements:
     * which invoices were voided and the customers' default payment methods read with one query each, the attempts
     * inserted with one. An invoice with nothing to collect, or voided ({@code invoice.voided} can be consumed before
     * {@code invoice.finalized}: they travel on different topics), is never charged.
     *
     * @return the attempts whose provider calls are due, in order
     */
    public Uni<List<OpenedAttempt>> openAttempts(List<DueAttempt> due) {
        List<DueAttempt> collectable = due.stream().filter(d -> !d.invoice().nothingToCollect()).toList();
        if (collectable.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> invoiceIds = new HashSet<>();
        Set<UUID> customerIds = new HashSet<>();
        collectable.forEach(d -> {
            invoiceIds.add(d.invoice().invoiceId());
            customerIds.add(d.invoice().customerId());
        });
        return voided.voidedAmong(invoiceIds).chain(voidedNow -> methods.defaultsOf(customerIds).chain(defaults -> {
            Map<String, PaymentMethod> defaultOf = new HashMap<>();
            defaults.forEach(method -> defaultOf.put(method.tenantId() + '\n' + method.customerId(), method));
            List<Payment> attempts = new ArrayList<>();
            List<DueAttempt> asked = new ArrayList<>();
            for (DueAttempt d : collectable) {
                InvoiceDue invoice = d.invoice();
                if (voidedNow.contains(d.tenantId() + '\n' + invoice.invoiceId())) {
                    continue;
                }
                PaymentMethod method = defaultOf.get(d.tenantId() + '\n' + invoice.customerId());
                Instant now = clock.now(d.tenantId());
                attempts.add(method == null
                        ? Payment.withoutPaymentMethod(TimeOrderedIds.next(), d.tenantId(), invoice,
                                config.defaultProvider(), now)
                        : Payment.processing(TimeOrderedIds.next(), d.tenantId(), invoice, method, now));
                asked.add(d);
            }
            // Not inserted: this attempt was opened before (the same invoice attempt under another event id); it is
            // charged, or being charged, already.
            return payments.insertAllUnlessAttempted(attempts).chain(inserted -> {
                List<OpenedAttempt> opened = new ArrayList<>();
                List<Uni<Void>> failedAtOnce = new ArrayList<>();
                for (int i = 0; i < attempts.size(); i++) {
                    Payment payment = attempts.get(i);
                    if (!inserted.contains(payment.id())) {
                        continue;
                    }
                    Context journey = asked.get(i).journey();
                    if (payment.isProcessing()) {
                        opened.add(new OpenedAttempt(payment.tenantId(), payment.id(), journey));
                    } else {
                        try (Scope inItsJourney = journey.makeCurrent()) {
                            failedAtOnce.add(outcomes.publish(payment)); // its event carries the journey
                        }
                    }
                }
                return Multi.createFrom().iterable(failedAtOnce).onItem().transformToUniAndConcatenate(u -> u)
                        .collect().last().replaceWith(opened);
            });
        }));
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

    /**
     * Step 2 for one attempt; see {@link #chargeAll}. A failed Uni (outcome unknown) leaves the payment
     * {@code processing}, for the recovery job to repeat with the same idempotency key.
     */
    public Uni<Void> charge(String tenantId, UUID paymentId) {
        return chargeAll(List.of(new OpenedAttempt(tenantId, paymentId)));
    }

    /**
     * Step 2 for a set of attempts (a consumer batch's, a dunning pass's), in sessions of their own: reads them
     * with one query per table, asks the provider to charge each, concurrently with at most
     * {@code billforge.payment.provider-window} calls in flight per provider account and no transaction open, then
     * records every answer in one transaction. Payments settled already are skipped. A call whose outcome is unknown
     * (the provider unreachable, a timeout) leaves its payment {@code processing}, for the recovery job to repeat with
     * the same idempotency key; the others are still recorded.
     */
    public Uni<Void> chargeAll(List<OpenedAttempt> attempts) {
        return chargeAll(attempts, false);
    }

    /**
     * For recovery: finishes {@code processing} payments whose provider call may have been made and lost its
     * answer, by asking the provider for that call's outcome ({@code PaymentProvider.lookUpCharge}).
     */
    public Uni<Void> recoverAll(List<OpenedAttempt> attempts) {
        return chargeAll(attempts, true);
    }

    private Uni<Void> chargeAll(List<OpenedAttempt> attempts, boolean askedBefore) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pendingCharges(attempts)
                .chain(pending -> LeasedJob.callConcurrently(pending, PendingCharge::account, config.providerWindow(),
                        charge -> callProvider(charge, askedBefore),
                        (charge, unknown) -> {
                            LOG.warnf("Payment %s: the provider's answer is unknown, left to recovery: %s",
                                    charge.attempt().paymentId(), unknown.toString());
                            return null;
                        }))
                .chain(answers -> {
                    List<Answer> known = answers.stream().filter(answer -> answer != null).toList();
                    return settleAll(known).onFailure(failure -> known.size() > 1).recoverWithUni(failure -> {
                        // One answer that cannot be recorded must not hold back the others': each on its own.
                        LOG.warnf("Recording %d payment outcomes together failed (%s); recording them one by one",
                                known.size(), failure.toString());
                        return Multi.createFrom().iterable(known)
                                .onItem().transformToUniAndConcatenate(answer -> settleAll(List.of(answer))
                                        .onFailure().invoke(alone -> LOG.warnf("Payment %s: outcome not recorded, "
                                                + "left to recovery: %s", answer.attempt().paymentId(), alone))
                                        .onFailure().recoverWithNull())
                                .collect().last().replaceWithVoid();
                    });
                });
    }

    /**
     * The attempts still {@code processing}, each with what its provider call needs: the payments and their payment
     * methods read with one query each, the provider connections once per tenant and provider.
     */
    private Uni<List<PendingCharge>> pendingCharges(List<OpenedAttempt> attempts) {
        Map<UUID, OpenedAttempt> byPayment = new LinkedHashMap<>();
        attempts.forEach(attempt -> byPayment.put(attempt.paymentId(), attempt));
        return Panache.withSession(() -> payments.findAllById(byPayment.keySet()).chain(found -> {
            List<Payment> processing = found.stream()
                    .filter(payment -> payment.isProcessing()
                            && payment.tenantId().equals(byPayment.get(payment.id()).tenantId()))
                    .toList();
            Set<UUID> methodIds = new HashSet<>();
            processing.forEach(payment -> methodIds.add(payment.paymentMethodId()));
            return methods.findAllLive(methodIds).chain(live -> {
                Map<UUID, PaymentMethod> methodById = new HashMap<>();
                live.forEach(method -> methodById.put(method.id(), method));
                Map<String, Uni<ProviderConnections.Connection>> connections = new HashMap<>();
                return Multi.createFrom().iterable(processing).onItem().transformToUniAndConcatenate(payment -> {
                    OpenedAttempt attempt = byPayment.get(payment.id());
                    PaymentMethod method = methodById.get(payment.paymentMethodId());
                    // Detached since the attempt was opened (or another tenant's): never charged, even on recovery.
                    ChargeRequest request = method == null || !method.tenantId().equals(payment.tenantId()) ? null
                            : new ChargeRequest(payment.id(), payment.invoiceId(), method.providerCustomerId(),
                                    method.providerToken(), payment.amount(), payment.currency(),
                                    payment.idempotencyKey(), "Invoice " + payment.invoiceId() + ", attempt "
                                            + payment.attempt(), method.card() != null && method.card().isWallet());
                    Uni<ProviderConnections.Connection> connection = connections.computeIfAbsent(
                            payment.tenantId() + '\n' + payment.provider(),
                            key -> this.connections.find(payment.tenantId(), payment.provider()).memoize().indefinitely());
                    // A tenant whose credentials cannot be opened (a retired key) holds back its own charges only:
                    // they stay processing, for recovery, and the set's others are made.
                    return connection.map(found1 -> new PendingCharge(attempt, payment.provider(),
                            payment.chargeAttemptedAt(), request, found1))
                            .onFailure().recoverWithItem(failure -> {
                                LOG.warnf("Payment %s: the provider connection of tenant %s could not be opened, left "
                                        + "to recovery: %s", payment.id(), payment.tenantId(), failure.toString());
                                return null;
                            });
                }).select().where(charge -> charge != null).collect().asList();
            });
        }));
    }

    /**
     * A provider call to make.
     *
     * @param attemptedAt when the attempt was opened or last claimed by recovery
     * @param request null when the payment method was detached since the attempt was opened
     * @param connection null when the provider cannot be called for this tenant
     */
    private record PendingCharge(OpenedAttempt attempt, String provider, Instant attemptedAt, ChargeRequest request,
            ProviderConnections.Connection connection) {

        /** The provider account the call goes to: calls in flight are bounded per account. */
        Object account() {
            return attempt.tenantId() + '\n' + provider;
        }
    }

    /** The provider's answer to one attempt. */
    private record Answer(OpenedAttempt attempt, ChargeResult result) {
    }

    /**
     * Whether this run makes the provider call. An attempt opened a while ago (the tail of a batch whose charges go
     * one after another behind slow provider answers) is marked attempted again first, unless recovery, which takes
     * attempts older than {@code stuck-after}, claimed it meanwhile: then the call is recovery's. So the two never
     * ask the provider about one payment at the same time (the idempotency key would keep it one charge, but a
     * provider answers concurrent requests with one key with an error).
     */
    private Uni<Boolean> stillOurs(PendingCharge pending) {
        String tenantId = pending.attempt().tenantId();
        Instant now = clock.now(tenantId);
        Instant reclaimAfter = pending.attemptedAt() == null ? null
                : pending.attemptedAt().plus(config.recovery().stuckAfter().dividedBy(3));
        if (pending.request() == null || reclaimAfter == null || now.isBefore(reclaimAfter)) {
            return Uni.createFrom().item(true);
        }
        return payments.reclaimAttempt(pending.attempt().paymentId(), pending.attemptedAt(), now);
    }

    /**
     * The provider's answer, in a client span of the attempt's journey, or null when the attempt is recovery's now
     * ({@link #stillOurs}, checked right before the call: a window of calls can take a while). No reactive session is
     * used: calls run side by side.
     */
    private Uni<Answer> callProvider(PendingCharge pending, boolean askedBefore) {
        return stillOurs(pending).chain(ours -> ours ? answer(pending, askedBefore) : Uni.createFrom().nullItem());
    }

    private Uni<Answer> answer(PendingCharge pending, boolean askedBefore) {
        if (pending.request() == null) {
            return Uni.createFrom().item(new Answer(pending.attempt(), ChargeResult.declined(null,
                    Payment.NO_PAYMENT_METHOD,
                    "The payment method of this attempt was removed before it could be charged.")));
        }
        ProviderConnections.Connection connection = pending.connection();
        if (connection == null) {
            return Uni.createFrom().item(new Answer(pending.attempt(), notConfigured(pending.provider())));
        }
        try (Scope inItsJourney = pending.attempt().journey().makeCurrent()) {
            return operations.track("process_payment", Tracing.within(tracing.startClient((askedBefore
                    ? "look up charge: " : "charge: ") + pending.provider()), () -> askedBefore
                            ? connection.provider().lookUpCharge(connection.credentials(), pending.request())
                            : connection.provider().charge(connection.credentials(), pending.request())))
                    .map(result -> new Answer(pending.attempt(), result));
        }
    }

    private static ChargeResult notConfigured(String provider) {
        return ChargeResult.declined(null, Payment.PROVIDER_NOT_CONFIGURED,
                "Payments through '" + provider + "' are not configured.");
    }

    /**
     * Records the providers' answers in one transaction: the payments locked with one query, each settled unless a
     * concurrent run (recovery, a replica, a webhook) recorded an outcome first, written with one statement, and their
     * outcomes published as a set ({@link PaymentOutcomes#publishAll}), each in its own journey.
     */
    private Uni<Void> settleAll(List<Answer> answers) {
        if (answers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Answer> byPayment = new HashMap<>();
        answers.forEach(answer -> byPayment.put(answer.attempt().paymentId(), answer));
        return Panache.withTransaction(() -> payments.findAllByIdForUpdate(byPayment.keySet()).chain(locked -> {
            List<Payment> answered = new ArrayList<>();
            List<PaymentOutcomes.Settled> settled = new ArrayList<>();
            for (Payment payment : locked) {
                Answer answer = byPayment.get(payment.id());
                if (payment.isProcessing() && payment.tenantId().equals(answer.attempt().tenantId())) {
                    answered.add(payment);
                    if (settle(payment, answer.result())) {
                        settled.add(new PaymentOutcomes.Settled(payment, answer.attempt().journey()));
                    }
                }
            }
            return payments.writeOutcomes(answered).chain(() -> outcomes.publishAll(settled));
        }));
    }

    /** Applies the provider's answer; true when it is an outcome to announce (a pending charge is not, yet). */
    private boolean settle(Payment payment, ChargeResult result) {
        Instant now = clock.now(payment.tenantId());
        switch (result) {
            case ChargeResult.Pending pending -> {
                payment.awaitProvider(pending.providerReference(), now);
                return false; // nothing to announce until the provider settles it
            }
            case ChargeResult.Succeeded succeeded -> payment.succeed(succeeded.providerReference(), now);
            case ChargeResult.Declined declined -> payment.fail(declined.providerReference(),
                    declined.failureCode(), declined.declineCode(), declined.failureMessage(), now);
            case ChargeResult.RequiresAction action -> payment.requireAction(action.providerReference(),
                    action.failureCode(), action.failureMessage(), now);
        }
        return true;
    }
}
