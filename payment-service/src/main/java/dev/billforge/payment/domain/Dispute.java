package dev.billforge.payment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A chargeback on one of our payments, as the provider reports it, its status mapped to ours by the provider's
 * plugin ({@link DisputeStatus}); once closed it stays closed, so an update that arrives after the closing event
 * cannot reopen it.
 */
@Entity
@Table(name = "dispute")
public class Dispute {

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
    @Column(nullable = false)
    private long amount;
    @Column(nullable = false, updatable = false)
    private String currency;
    private String reason;
    @Column(nullable = false)
    @Convert(converter = DisputeStatus.Column.class)
    private DisputeStatus status;
    @Column(nullable = false, updatable = false)
    private String provider;
    @Column(name = "provider_reference", nullable = false, updatable = false)
    private String providerReference;
    @Column(name = "opened_at", nullable = false, updatable = false)
    private Instant openedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Dispute() {
        // for Hibernate
    }

    public static Dispute opened(UUID id, Payment payment, String providerReference, long amount, String reason,
            DisputeStatus status, Instant now) {
        Dispute dispute = new Dispute();
        dispute.id = id;
        dispute.tenantId = payment.tenantId();
        dispute.paymentId = payment.id();
        dispute.invoiceId = payment.invoiceId();
        dispute.customerId = payment.customerId();
        dispute.currency = payment.currency();
        dispute.provider = payment.provider();
        dispute.providerReference = providerReference;
        dispute.openedAt = now;
        dispute.amount = amount;
        dispute.reason = reason;
        dispute.status = status;
        dispute.updatedAt = now;
        if (status.isClosed()) { // first heard of when it closed (events out of order)
            dispute.closedAt = now;
        }
        return dispute;
    }

    public boolean isClosed() {
        return closedAt != null;
    }

    /**
     * The provider's latest word on the dispute. A closed dispute does not change again.
     *
     * @return true when this update closed the dispute
     */
    public boolean update(long newAmount, String newReason, DisputeStatus newStatus, Instant now) {
        if (isClosed()) {
            return false;
        }
        amount = newAmount;
        reason = newReason;
        status = newStatus;
        updatedAt = now;
        if (newStatus.isClosed()) {
            closedAt = now;
            return true;
        }
        return false;
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

    public String reason() {
        return reason;
    }

    public DisputeStatus status() {
        return status;
    }

    public String provider() {
        return provider;
    }

    public String providerReference() {
        return providerReference;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
