package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A proration line of a plan change made with {@code create_prorations}, waiting for its subscription's next renewal
 * invoice; {@code invoice_id} says which invoice billed it.
 */
@Entity
@Table(name = "pending_invoice_item")
public class PendingInvoiceItem {

    @Id
    private UUID id;
    /** Filled by the database: the order items were made in, which is the order they are billed in. */
    @Column(insertable = false, updatable = false)
    private Long seq;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(name = "subscription_id", nullable = false, updatable = false)
    private UUID subscriptionId;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Column(nullable = false, updatable = false)
    private String description;
    @Column(nullable = false, updatable = false)
    private long amount;
    @Column(name = "period_start", nullable = false, updatable = false)
    private Instant periodStart;
    @Column(name = "period_end", nullable = false, updatable = false)
    private Instant periodEnd;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "invoice_id")
    private UUID invoiceId;

    protected PendingInvoiceItem() {
        // for Hibernate
    }

    public static PendingInvoiceItem proration(UUID id, String tenantId, UUID customerId, UUID subscriptionId,
            String currency, String description, long amount, Instant periodStart, Instant periodEnd, Instant now) {
        PendingInvoiceItem item = new PendingInvoiceItem();
        item.id = id;
        item.tenantId = tenantId;
        item.customerId = customerId;
        item.subscriptionId = subscriptionId;
        item.currency = currency;
        item.description = description;
        item.amount = amount;
        item.periodStart = periodStart;
        item.periodEnd = periodEnd;
        item.createdAt = now;
        return item;
    }

    /** The proration line this item puts on its subscription's next invoice. */
    public InvoiceItem.LineDetails line() {
        return new InvoiceItem.LineDetails(description, 1, amount, periodStart, periodEnd, true);
    }

    /**
     * Records that {@code invoice} (of the same currency, carrying {@link #line()}) billed this item: it is pending
     * no more. Called once the invoice is persisted, so the reference never points at a row not yet written.
     */
    public void billedOn(Invoice invoice) {
        if (invoiceId != null) {
            throw new IllegalStateException("Pending item " + id + " was billed on invoice " + invoiceId);
        }
        if (!invoice.currency().equals(currency)) {
            throw new IllegalArgumentException("Pending item " + id + " is in " + currency + ", invoice "
                    + invoice.id() + " in " + invoice.currency());
        }
        invoiceId = invoice.id();
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public UUID id() {
        return id;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    public UUID invoiceId() {
        return invoiceId;
    }
}
