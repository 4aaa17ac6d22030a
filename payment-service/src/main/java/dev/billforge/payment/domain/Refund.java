package dev.billforge.payment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/**
 * Money given back from a captured {@link Payment}. A refund asked for through the API is recorded {@code pending}
 * (its amount reserved on the payment) before the provider is asked, and settles as {@code succeeded} or
 * {@code failed} once it answers; one made in the provider's dashboard arrives by webhook and is recorded as the
 * provider reports it.
 */
@Entity
@Table(name = "refund")
public class Refund implements PageCursor {

    /** Where a refund stands; the lower-case names are the API's, the events' and the table's. */
    public enum Status implements WireName {
        PENDING, SUCCEEDED, FAILED;

        @Converter
        public static class Column extends WireNameColumn<Status> {
            public Column() {
                super(Status.class);
            }
        }
    }

    /** Who asked for it: through our API, or in the provider's dashboard (learned from its webhook). */
    public static final String SOURCE_API = "api";
    public static final String SOURCE_PROVIDER = "provider";
    /** Made by payment-service itself: a payment that succeeded for a voided invoice is given back. */
    public static final String SOURCE_AUTOMATIC = "automatic";

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "payment_id", nullable = false, updatable = false)
    private UUID paymentId;
    @Column(name = "invoice_id", nullable = false, updatable = false)
    private UUID invoiceId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(nullable = false, updatable = false)
    private long amount;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Column(nullable = false)
    @Convert(converter = Status.Column.class)
    private Status status;
    @Column(updatable = false)
    private String reason;
    @Column(nullable = false, updatable = false)
    private String source;
    @Column(nullable = false, updatable = false)
    private String provider;
    @Column(name = "provider_reference")
    private String providerReference;
    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;
    @Column(name = "request_key", updatable = false)
    private String requestKey;
    @Column(name = "failure_code")
    private String failureCode;
    @Column(name = "failure_message")
    private String failureMessage;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected Refund() {
        // for Hibernate
    }

    /**
     * A refund asked for through the API, about to be sent to the provider; reserves {@code amount} on the payment.
     *
     * @param requestKey the caller's Idempotency-Key, or null
     */
    public static Refund requested(UUID id, Payment payment, long amount, String reason, String requestKey,
            Instant now) {
        payment.reserveRefund(amount, now);
        Refund refund = of(id, payment, amount, reason, SOURCE_API, now);
        refund.status = Status.PENDING;
        refund.requestKey = requestKey;
        return refund;
    }

    /**
     * Gives back all that is left of a payment that succeeded for an invoice that was voided (a charge in flight when
     * its subscription was canceled), about to be sent to the provider. Its request key makes it once per payment.
     */
    public static Refund forVoidedInvoice(UUID id, Payment payment, Instant now) {
        long amount = payment.refundable();
        payment.reserveRefund(amount, now);
        Refund refund = of(id, payment, amount, null, SOURCE_AUTOMATIC, now);
        refund.status = Status.PENDING;
        refund.requestKey = voidedInvoiceKey(payment.id());
        return refund;
    }

    /** The request key of the automatic refund of {@code paymentId}. */
    public static String voidedInvoiceKey(UUID paymentId) {
        return "billforge:voided-invoice:" + paymentId;
    }

    /**
     * A refund made at the provider (its dashboard) that the provider's webhook tells us about; reserves
     * {@code amount} on the payment unless the provider reports it failed.
     */
    public static Refund reportedByProvider(UUID id, Payment payment, long amount, String reason,
            String providerReference, Status status, Instant now) {
        if (status != Status.FAILED) {
            payment.reserveRefund(amount, now);
        }
        Refund refund = of(id, payment, amount, reason, SOURCE_PROVIDER, now);
        refund.status = status;
        refund.providerReference = providerReference;
        return refund;
    }

    private static Refund of(UUID id, Payment payment, long amount, String reason, String source, Instant now) {
        Refund refund = new Refund();
        refund.id = id;
        refund.tenantId = payment.tenantId();
        refund.paymentId = payment.id();
        refund.invoiceId = payment.invoiceId();
        refund.customerId = payment.customerId();
        refund.amount = amount;
        refund.currency = payment.currency();
        refund.reason = reason;
        refund.source = source;
        refund.provider = payment.provider();
        refund.idempotencyKey = "refund_" + id;
        refund.createdAt = now;
        refund.updatedAt = now;
        refund.requestedAt = now;
        return refund;
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    /**
     * The provider's word on this refund, from its answer or its webhook. Only a pending refund moves: a settled one
     * stays as it is, so a late or repeated event changes nothing. A failed refund gives its reservation back.
     *
     * @return true when the refund changed
     */
    public boolean settle(Status outcome, String reference, String code, String message, Payment payment,
            Instant now) {
        if (reference != null) {
            providerReference = reference;
        }
        if (!isPending() || outcome == Status.PENDING) {
            return false;
        }
        status = outcome;
        if (outcome == Status.FAILED) {
            failureCode = code;
            failureMessage = message;
            payment.releaseRefund(amount, now);
        }
        updatedAt = now;
        return true;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID paymentId() {
        return paymentId;
    }

    public UUID invoiceId() {
        return invoiceId;
    }

    public UUID customerId() {
        return customerId;
    }

    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public String status() {
        return status.wire();
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    public String reason() {
        return reason;
    }

    public String source() {
        return source;
    }

    public String provider() {
        return provider;
    }

    public String providerReference() {
        return providerReference;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String requestKey() {
        return requestKey;
    }

    public String failureCode() {
        return failureCode;
    }

    public String failureMessage() {
        return failureMessage;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
