package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;

/**
 * The legal record of money credited back against a finalized invoice: one per refund, with a number from the
 * tenant's own gapless credit note sequence. Immutable once issued. Its {@code tax} is its share of the invoice's tax,
 * counted cumulatively over the invoice's refunds ({@link TaxCalculation#shareOf}), so the invoice's credit notes
 * together never credit more tax than it charged, and a full refund credits all of it.
 */
@Entity
@Table(name = "credit_note")
public class CreditNote implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(nullable = false, updatable = false)
    private String number;
    @Column(name = "invoice_id", nullable = false, updatable = false)
    private UUID invoiceId;
    @Column(name = "invoice_number", nullable = false, updatable = false)
    private String invoiceNumber;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(name = "payment_id", nullable = false, updatable = false)
    private UUID paymentId;
    @Column(name = "refund_id", nullable = false, updatable = false)
    private UUID refundId;
    @Column(nullable = false, updatable = false)
    private long amount;
    /** The part of {@code amount} that credits the invoice's tax. */
    @Column(nullable = false, updatable = false)
    private long tax;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Column(updatable = false)
    private String reason;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected CreditNote() {
        // for Hibernate
    }

    /**
     * Credits {@code amount} of a refund against {@code invoice}, which records it in its {@code amount_refunded}.
     *
     * @throws IllegalArgumentException when the invoice has not been paid that much (see {@link Invoice#applyRefund})
     */
    public static CreditNote forRefund(UUID id, String number, Invoice invoice, UUID paymentId, UUID refundId,
            long amount, String reason, Instant now) {
        long refundedBefore = invoice.amountRefunded();
        invoice.applyRefund(amount, now);
        long taxCreditedBefore = TaxCalculation.shareOf(invoice.tax(), refundedBefore, invoice.total());
        long taxCreditedAfter = TaxCalculation.shareOf(invoice.tax(), invoice.amountRefunded(), invoice.total());
        CreditNote note = new CreditNote();
        note.id = Objects.requireNonNull(id);
        note.tenantId = invoice.tenantId();
        note.number = Objects.requireNonNull(number);
        note.invoiceId = invoice.id();
        note.invoiceNumber = invoice.number();
        note.customerId = invoice.customerId();
        note.paymentId = Objects.requireNonNull(paymentId);
        note.refundId = Objects.requireNonNull(refundId);
        note.amount = amount;
        note.tax = taxCreditedAfter - taxCreditedBefore;
        note.currency = invoice.currency();
        note.reason = reason;
        note.createdAt = now;
        return note;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String number() {
        return number;
    }

    public UUID invoiceId() {
        return invoiceId;
    }

    public String invoiceNumber() {
        return invoiceNumber;
    }

    public UUID customerId() {
        return customerId;
    }

    public UUID paymentId() {
        return paymentId;
    }

    public UUID refundId() {
        return refundId;
    }

    public long amount() {
        return amount;
    }

    /** The tax this note credits, inside {@link #amount()}. */
    public long tax() {
        return tax;
    }

    public String currency() {
        return currency;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
