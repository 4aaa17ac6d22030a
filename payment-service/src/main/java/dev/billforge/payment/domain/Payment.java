package dev.billforge.payment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.errors.ErrorCode;

/**
 * One attempt to collect an invoice through a payment provider. It is recorded as {@code processing} before the
 * provider is called and settles as {@code succeeded} or {@code failed} once the provider has answered; the
 * provider is always called with {@link #idempotencyKey()}, so repeating an unanswered attempt never charges twice.
 */
@Entity
@Table(name = "payment")
public class Payment implements PageCursor {

    /** The customer has no default payment method: there was nothing to charge. */
    public static final String NO_PAYMENT_METHOD = "no_payment_method";
    /** The payment method's provider has no gateway in this deployment (the API error code of the same case). */
    public static final String PROVIDER_NOT_CONFIGURED = ErrorCode.PROVIDER_NOT_CONFIGURED.wireName();

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "invoice_id", nullable = false, updatable = false)
    private UUID invoiceId;
    @Column(name = "subscription_id", updatable = false)
    private UUID subscriptionId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(name = "payment_method_id", updatable = false)
    private UUID paymentMethodId;
    @Column(nullable = false, updatable = false)
    private long amount;
    @Column(nullable = false, updatable = false)
    private String currency;
    /** Refunds succeeded or under way; see {@link #reserveRefund}. */
    @Column(name = "amount_refunded", nullable = false)
    private long amountRefunded;
    @Convert(converter = PaymentStatus.Column.class)
    @Column(nullable = false)
    private PaymentStatus status;
    @Column(nullable = false, updatable = false)
    private String provider;
    @Column(name = "provider_reference")
    private String providerReference;
    @Column(nullable = false, updatable = false)
    private int attempt;
    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;
    @Column(name = "failure_code")
    private String failureCode;
    @Column(name = "decline_code")
    private String declineCode;
    @Column(name = "failure_message")
    private String failureMessage;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    /** Made because someone asked for it ({@code invoice.payment_requested}), not by automatic collection. */
    @Column(name = "on_request", nullable = false, updatable = false)
    private boolean onRequest;
    /** Written by the recovery job's claim (see PaymentStore); read-only here. */
    @Column(name = "charge_attempted_at", nullable = false, updatable = false)
    private Instant chargeAttemptedAt;

    protected Payment() {
        // for Hibernate
    }

    /** An attempt to charge {@code method}, about to be sent to its provider. */
    public static Payment processing(UUID id, String tenantId, InvoiceDue invoice, PaymentMethod method, Instant now) {
        Payment payment = of(id, tenantId, invoice, method.provider(), now);
        payment.paymentMethodId = method.id();
        payment.status = PaymentStatus.PROCESSING;
        return payment;
    }

    /**
     * An attempt that failed before reaching any provider because the customer has no default payment method.
     *
     * @param provider the provider the attempt would have gone through (the contract requires one)
     */
    public static Payment withoutPaymentMethod(UUID id, String tenantId, InvoiceDue invoice, String provider,
            Instant now) {
        return withoutPaymentMethod(id, tenantId, invoice, provider, "The customer has no default payment method.",
                now);
    }

    /** An attempt that failed before reaching any provider: there was no usable payment method, as {@code why} says. */
    public static Payment withoutPaymentMethod(UUID id, String tenantId, InvoiceDue invoice, String provider,
            String why, Instant now) {
        Payment payment = of(id, tenantId, invoice, provider, now);
        payment.status = PaymentStatus.FAILED;
        payment.failureCode = NO_PAYMENT_METHOD;
        payment.failureMessage = why;
        return payment;
    }

    private static Payment of(UUID id, String tenantId, InvoiceDue invoice, String provider, Instant now) {
        Payment payment = new Payment();
        payment.id = id;
        payment.tenantId = tenantId;
        payment.invoiceId = invoice.invoiceId();
        payment.subscriptionId = invoice.subscriptionId();
        payment.customerId = invoice.customerId();
        payment.amount = invoice.amount();
        payment.currency = invoice.currency();
        payment.provider = provider;
        payment.attempt = invoice.attempt();
        payment.onRequest = invoice.onRequest();
        payment.idempotencyKey = idempotencyKey(invoice.invoiceId(), invoice.attempt());
        payment.createdAt = now;
        payment.updatedAt = now;
        payment.chargeAttemptedAt = now;
        return payment;
    }

    /**
     * The key the provider deduplicates charges on: one per invoice attempt, so the same attempt repeated (a
     * redelivered event, a recovery run) reaches the same charge, and the next attempt is a new one.
     */
    public static String idempotencyKey(UUID invoiceId, int attempt) {
        return "invoice_" + invoiceId + "_attempt_" + attempt;
    }

    public boolean isProcessing() {
        return status == PaymentStatus.PROCESSING;
    }

    public void succeed(String reference, Instant now) {
        settle(PaymentStatus.SUCCEEDED, reference, null, null, null, now);
    }

    /** @param decline the issuer's reason when the card was declined ({@code insufficient_funds}, ...), else null */
    public void fail(String reference, String code, String decline, String message, Instant now) {
        settle(PaymentStatus.FAILED, reference, code, decline, message, now);
    }

    public void requireAction(String reference, String code, String message, Instant now) {
        settle(PaymentStatus.REQUIRES_ACTION, reference, code, null, message, now);
    }

    /**
     * The provider accepted the charge and settles it later: the payment stays {@code processing}, now with the
     * provider's reference, which keeps the recovery job from asking again and lets the webhook find it.
     */
    public void awaitProvider(String reference, Instant now) {
        if (!isProcessing()) {
            throw new IllegalStateException("Payment " + id + " is " + status.wire() + ", not processing");
        }
        providerReference = reference;
        updatedAt = now;
    }

    /**
     * A provider's later word on this payment (a webhook), applied only when it moves the payment forward:
     * {@code processing} → anything, {@code requires_action} → {@code failed} or {@code succeeded}, {@code failed} →
     * {@code succeeded} (the customer authenticated after all). {@code succeeded} is final, so an event that
     * arrives out of order never moves a payment backwards.
     *
     * @return true when the payment changed
     */
    public boolean applyProviderOutcome(PaymentStatus outcome, String reference, String code, String decline,
            String message, Instant now) {
        if (progress(outcome) <= progress(status)) {
            return false;
        }
        record(outcome, reference != null ? reference : providerReference,
                outcome == PaymentStatus.SUCCEEDED ? null : code, outcome == PaymentStatus.FAILED ? decline : null,
                outcome == PaymentStatus.SUCCEEDED ? null : message, now);
        return true;
    }

    private static int progress(PaymentStatus status) {
        return switch (status) {
            case PENDING, PROCESSING -> 0;
            case REQUIRES_ACTION -> 1;
            case FAILED, CANCELED -> 2;
            case SUCCEEDED -> 3;
        };
    }

    private void settle(PaymentStatus outcome, String reference, String code, String decline, String message,
            Instant now) {
        if (!isProcessing()) {
            throw new IllegalStateException("Payment " + id + " is " + status.wire() + ", not processing");
        }
        record(outcome, reference, code, decline, message, now);
    }

    private void record(PaymentStatus outcome, String reference, String code, String decline, String message,
            Instant now) {
        status = outcome;
        providerReference = reference;
        failureCode = code;
        declineCode = decline;
        failureMessage = message;
        updatedAt = now;
    }

    /** What can still be given back: the captured amount less refunds succeeded or under way; 0 unless captured. */
    public long refundable() {
        return status == PaymentStatus.SUCCEEDED ? amount - amountRefunded : 0;
    }

    /**
     * Sets {@code amount} aside for a refund about to be asked of the provider (or one the provider reports), so
     * that refunds together never give back more than was captured. The caller holds the payment's row lock.
     *
     * @throws IllegalArgumentException when {@code amount} is not positive or more than {@link #refundable()}
     */
    public void reserveRefund(long amount, Instant now) {
        if (amount <= 0 || amount > refundable()) {
            throw new IllegalArgumentException("Cannot refund " + amount + " of payment " + id + ": "
                    + refundable() + " is refundable");
        }
        amountRefunded += amount;
        updatedAt = now;
    }

    /** Gives back what a refund had set aside, when the provider refused it. */
    public void releaseRefund(long amount, Instant now) {
        if (amount <= 0 || amount > amountRefunded) {
            throw new IllegalArgumentException("Payment " + id + " has no refund of " + amount + " to release");
        }
        amountRefunded -= amount;
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID invoiceId() {
        return invoiceId;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public UUID customerId() {
        return customerId;
    }

    public UUID paymentMethodId() {
        return paymentMethodId;
    }

    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public long amountRefunded() {
        return amountRefunded;
    }

    public PaymentStatus status() {
        return status;
    }

    public String provider() {
        return provider;
    }

    public String providerReference() {
        return providerReference;
    }

    public int attempt() {
        return attempt;
    }

    public boolean onRequest() {
        return onRequest;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String failureCode() {
        return failureCode;
    }

    public String declineCode() {
        return declineCode;
    }

    public String failureMessage() {
        return failureMessage;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant chargeAttemptedAt() {
        return chargeAttemptedAt;
    }
}
