package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.chassis.persistence.MetadataColumn;
import dev.billforge.events.invoice.InvoiceParty;

/**
 * What a customer owes: for a subscription period, or for one-off charges billed through the API. A {@code draft}
 * collects lines; finalizing gives it its number
 * and due date, applies the customer's balance (credit from downgrades) and opens it for payment; payments bring {@code amount_remaining} down until it is {@code paid}.
 * {@code amount_remaining = amount_due - amount_paid} always holds, and a finalized invoice's lines never change.
 * Refunds leave it paid and grow {@code amount_refunded}, each through a {@link CreditNote}.
 */
@Entity
@Table(name = "invoice")
public class Invoice implements PageCursor {

    /** Lines one invoice may hold (Stripe's limit too): a draft refuses the next. */
    public static final int MAX_LINES = 250;
    /**
     * The most one invoice may bill, in the currency's minor unit (10^15 - 1: ten trillion dollars in cents). It keeps
     * every sum of amounts far from overflowing a {@code long}.
     */
    public static final long MAX_TOTAL = 999_999_999_999_999L;

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    /** Null while a draft; {@code INV-000042} once finalized, unique per tenant. */
    private String number;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(name = "subscription_id", updatable = false)
    private UUID subscriptionId;
    @Convert(converter = InvoiceStatus.Column.class)
    @Column(nullable = false)
    private InvoiceStatus status;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Convert(converter = CollectionMethod.Column.class)
    @Column(name = "collection_method", nullable = false, updatable = false)
    private CollectionMethod collectionMethod;
    /** For {@code send_invoice}: days from finalization to the due date; null for {@code charge_automatically}. */
    @Column(name = "days_until_due", updatable = false)
    private Integer daysUntilDue;
    /** Free text shown on a one-off invoice (a memo to the customer); null on subscription invoices. */
    @Column(updatable = false)
    private String description;
    /** The sum of the lines; negative when proration credits outweigh the charges. */
    @Column(nullable = false)
    private long subtotal;
    /** The tax at {@link #taxRate} on the subtotal: added to it (exclusive) or inside it (inclusive); 0 untaxed. */
    @Column(nullable = false)
    private long tax;
    /** The rate the invoice was drafted with; null when the customer has none. */
    @Embedded
    private AppliedTaxRate taxRate;
    /** What the invoice bills: {@code subtotal + tax} for an exclusive rate, {@code subtotal} otherwise. */
    @Column(nullable = false)
    private long total;
    /** The customer's balance applied at finalization (negative: a credit); 0 for a draft. */
    @Column(name = "starting_balance", nullable = false)
    private long startingBalance;
    /** The customer's balance after this invoice: what is left of the credit, or a negative total. */
    @Column(name = "ending_balance", nullable = false)
    private long endingBalance;
    /** {@code max(0, total + starting_balance)}: a negative total is never charged. */
    @Column(name = "amount_due", nullable = false)
    private long amountDue;
    @Column(name = "amount_paid", nullable = false)
    private long amountPaid;
    @Column(name = "amount_remaining", nullable = false)
    private long amountRemaining;
    /** Given back by refunds, each with its credit note; never more than {@code amount_paid}. */
    @Column(name = "amount_refunded", nullable = false)
    private long amountRefunded;
    @Column(name = "attempt_count", nullable = false)
    private int attemptCount;
    @Column(name = "due_date")
    private LocalDate dueDate;
    @Column(name = "period_start")
    private Instant periodStart;
    @Column(name = "period_end")
    private Instant periodEnd;
    @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNumber")
    private List<InvoiceItem> lines = new ArrayList<>();
    @Embedded
    private PaymentError lastPaymentError;
    @Column(name = "next_payment_attempt")
    private Instant nextPaymentAttempt;
    @Column(name = "finalized_at")
    private Instant finalizedAt;
    @Column(name = "paid_at")
    private Instant paidAt;
    /** The seller as the invoice prints it, fixed at finalization (null on drafts and older invoices). */
    @Convert(converter = InvoicePartyColumn.class)
    private InvoiceParty issuer;
    /** The customer as the invoice prints it, fixed at finalization; personal data, sealed. */
    @Convert(converter = InvoicePartyColumn.Sealed.class)
    @Column(name = "billed_to")
    private InvoiceParty billedTo;
    private String footer;
    @Convert(converter = MetadataColumn.class)
    @Column(nullable = false)
    private Map<String, String> metadata = new TreeMap<>();
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Invoice() {
        // for Hibernate
    }

    /** A new, empty draft billing {@code periodStart} to {@code periodEnd} in {@code currency}. */
    public static Invoice draft(UUID id, String tenantId, UUID customerId, UUID subscriptionId, String currency,
            Instant periodStart, Instant periodEnd, Instant now) {
        Invoice invoice = new Invoice();
        invoice.id = Objects.requireNonNull(id);
        invoice.tenantId = Objects.requireNonNull(tenantId);
        invoice.customerId = Objects.requireNonNull(customerId);
        invoice.subscriptionId = subscriptionId;
        invoice.status = InvoiceStatus.DRAFT;
        invoice.currency = Objects.requireNonNull(currency);
        invoice.collectionMethod = CollectionMethod.CHARGE_AUTOMATICALLY;
        invoice.periodStart = periodStart;
        invoice.periodEnd = periodEnd;
        invoice.createdAt = now;
        invoice.updatedAt = now;
        return invoice;
    }

    /**
     * A new, empty one-off draft for the customer, made through the API: it bills no subscription period, and is
     * collected as {@code collection}, a {@code send_invoice} one due {@code daysUntilDue} days after finalization.
     */
    public static Invoice oneOff(UUID id, String tenantId, UUID customerId, String currency,
            CollectionMethod collection, Integer daysUntilDue, String description, Map<String, String> metadata,
            Instant now) {
        if ((collection == CollectionMethod.SEND_INVOICE) != (daysUntilDue != null)) {
            throw new IllegalArgumentException("days_until_due goes with send_invoice, and only with it");
        }
        Invoice invoice = draft(id, tenantId, customerId, null, currency, null, null, now);
        invoice.collectionMethod = collection;
        invoice.daysUntilDue = daysUntilDue;
        invoice.description = description;
        invoice.metadata = new TreeMap<>(metadata == null ? Map.of() : metadata);
        return invoice;
    }

    /**
     * Taxes this draft at {@code rate} (the customer's, picked as it was drafted); before its first line, so every
     * line is taxed alike.
     */
    public void taxAt(AppliedTaxRate rate) {
        requireStatus(InvoiceStatus.DRAFT, "set the tax rate");
        if (!lines.isEmpty()) {
            throw new IllegalStateException("Invoice " + id + " has lines already: its tax rate is set before them");
        }
        taxRate = rate;
    }

    /**
     * A draft that is never stored: the next invoice of a subscription as it would be issued now. It has no id, and
     * its lines none either.
     */
    public static Invoice upcoming(String tenantId, UUID customerId, UUID subscriptionId, String currency,
            Instant periodStart, Instant periodEnd, Instant now) {
        Invoice preview = draft(UUID.randomUUID(), tenantId, customerId, subscriptionId, currency, periodStart,
                periodEnd, now);
        preview.id = null;
        return preview;
    }

    /** Shows on an upcoming invoice (see {@link #upcoming}) the customer's balance it would use when finalized. */
    public void previewBalance(long balance) {
        requireStatus(InvoiceStatus.DRAFT, "preview a balance");
        applyBalance(balance);
    }

    /** Whether one more line may be added: a draft short of {@link #MAX_LINES}. */
    public boolean hasRoomForLine() {
        return status == InvoiceStatus.DRAFT && lines.size() < MAX_LINES;
    }

    /**
     * Adds a line to a draft; its {@code total} moves by the line's amount.
     *
     * @throws IllegalArgumentException when the line's amount, or the total with it, would exceed {@link #MAX_TOTAL}
     */
    public InvoiceItem addLine(UUID itemId, InvoiceItem.LineDetails details, Instant now) {
        requireStatus(InvoiceStatus.DRAFT, "add a line");
        InvoiceItem line = InvoiceItem.of(itemId, this, lines.size() + 1, details);
        // All computed before anything changes: a refused line leaves the draft as it was.
        long newSubtotal = Math.addExact(subtotal, line.amount());
        if (Math.abs(newSubtotal) > MAX_TOTAL) {
            throw new IllegalArgumentException("An invoice bills at most " + MAX_TOTAL + " in the minor unit");
        }
        long newTax = taxRate == null ? 0 : taxRate.taxOn(newSubtotal);
        long newTotal = taxRate == null || taxRate.inclusive() ? newSubtotal : newSubtotal + newTax;
        if (Math.abs(newTotal) > MAX_TOTAL) {
            throw new IllegalArgumentException("An invoice bills at most " + MAX_TOTAL + " in the minor unit");
        }
        subtotal = newSubtotal;
        tax = newTax;
        total = newTotal;
        lines.add(line);
        applyBalance(0);
        updatedAt = now;
        return line;
    }

    /**
     * The due date of this draft finalized on {@code day}: {@code days_until_due} later for {@code send_invoice},
     * {@code defaultDays} later for an invoice charged automatically.
     */
    public LocalDate dueDateIfFinalizedOn(LocalDate day, int defaultDays) {
        return day.plusDays(collectionMethod == CollectionMethod.SEND_INVOICE ? daysUntilDue : defaultDays);
    }

    public boolean isDraft() {
        return status == InvoiceStatus.DRAFT;
    }

    public boolean isOpen() {
        return status == InvoiceStatus.OPEN;
    }

    /** Whether a payment can be asked for now: open or uncollectible, with something left to pay. */
    public boolean payable() {
        return (status == InvoiceStatus.OPEN || status == InvoiceStatus.UNCOLLECTIBLE) && amountRemaining > 0;
    }

    /** Sets the amounts that follow from {@code total} and a starting balance (0 or a credit, never positive). */
    private void applyBalance(long balance) {
        if (balance > 0) {
            throw new IllegalArgumentException("A starting balance is 0 or a credit (negative), was " + balance);
        }
        long owed = Math.addExact(total, balance);
        startingBalance = balance;
        amountDue = Math.max(0, owed);
        endingBalance = Math.min(0, owed);
        amountRemaining = amountDue - amountPaid;
    }

    /**
     * Fixes what the draft will print about who issued it and to whom, and its footer: done as it is finalized, so
     * an issued invoice keeps them whatever the seller or the customer changes later.
     */
    public void printAs(InvoiceParty issuer, InvoiceParty billedTo, String footer) {
        requireStatus(InvoiceStatus.DRAFT, "set what it prints");
        this.issuer = issuer;
        this.billedTo = billedTo;
        this.footer = footer;
    }

    /**
     * Draft to open: the invoice gets its number and due date and its lines are frozen. An invoice of nothing (a
     * free plan) is paid as it is finalized, as Stripe does: there is nothing to charge, and its subscription must
     * not wait for a payment that will never come.
     */
    public void finalizeAs(String invoiceNumber, LocalDate due, Instant now) {
        finalizeAs(invoiceNumber, due, 0, now);
    }

    /**
     * Finalizes with the customer's balance in the invoice's currency applied: a credit ({@code startingBalance < 0})
     * lowers what is due, and what the invoice does not use, or a negative total, becomes its
     * {@code ending_balance}, the customer's balance afterwards.
     */
    public void finalizeAs(String invoiceNumber, LocalDate due, long startingBalance, Instant now) {
        requireStatus(InvoiceStatus.DRAFT, "finalize");
        if (lines.isEmpty()) {
            throw new IllegalStateException("Invoice " + id + " has no lines to finalize");
        }
        applyBalance(startingBalance);
        number = Objects.requireNonNull(invoiceNumber);
        dueDate = Objects.requireNonNull(due);
        status = amountDue == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
        paidAt = amountDue == 0 ? now : null;
        finalizedAt = now;
        updatedAt = now;
    }

    /**
     * Credits a captured payment to an open (or uncollectible) invoice, never beyond what is due. A paid invoice is
     * left as it is: it was settled already (a redelivered or second payment changes nothing here).
     *
     * @param attempt the payment attempt's number, 1 for the first
     * @param at when the payment was captured; becomes {@code paid_at} when it settles the invoice
     * @return true when this payment settled the invoice (it is now {@code paid})
     */
    public boolean applyPayment(long amount, int attempt, Instant at, Instant now) {
        // An uncollectible invoice can still be paid (a payment the provider settled after dunning gave up).
        if (status != InvoiceStatus.OPEN && status != InvoiceStatus.UNCOLLECTIBLE || amount <= 0) {
            return false;
        }
        amountPaid += Math.min(amount, amountRemaining);
        amountRemaining = amountDue - amountPaid;
        attemptCount = Math.max(attemptCount, attempt);
        updatedAt = now;
        if (amountRemaining > 0) {
            return false;
        }
        status = InvoiceStatus.PAID;
        paidAt = at;
        nextPaymentAttempt = null; // settled: nothing left to retry
        return true;
    }

    /**
     * Records a declined or impossible payment attempt on an open invoice: it stays open, and the error and the
     * dunning schedule's next attempt become visible. A report about an earlier attempt than the latest known one
     * arrives late and is ignored, so it cannot overwrite the newer state. The last attempt's failure may arrive after
     * {@code dunning.exhausted} made the invoice uncollectible (the two travel on different topics): it is still
     * counted, with no next attempt.
     *
     * @param nextAttempt when payment will be tried again, null when no retry is planned
     * @return true when the invoice changed
     */
    public boolean recordFailedPayment(int attempt, PaymentError error, Instant nextAttempt, Instant now) {
        boolean open = status == InvoiceStatus.OPEN;
        if (!open && status != InvoiceStatus.UNCOLLECTIBLE || attempt < attemptCount) {
            return false;
        }
        attemptCount = attempt;
        lastPaymentError = error;
        nextPaymentAttempt = open ? nextAttempt : null;
        updatedAt = now;
        return true;
    }

    /**
     * Dunning gave up: an open invoice becomes {@code uncollectible}, its remaining amount written off and no further
     * attempt planned. Anything but an open invoice stays as it is (a payment that settled it first wins).
     *
     * @return true when the invoice changed
     */
    public boolean markUncollectible(Instant now) {
        if (status != InvoiceStatus.OPEN) {
            return false;
        }
        status = InvoiceStatus.UNCOLLECTIBLE;
        nextPaymentAttempt = null;
        updatedAt = now;
        return true;
    }

    public long total() {
        return total;
    }

    public long subtotal() {
        return subtotal;
    }

    public long tax() {
        return tax;
    }

    /** The rate the invoice is taxed at, or null. */
    public AppliedTaxRate taxRate() {
        return taxRate;
    }

    /** The total without its tax: what the lines bill net of tax. */
    public long totalExcludingTax() {
        return total - tax;
    }

    public long startingBalance() {
        return startingBalance;
    }

    public long endingBalance() {
        return endingBalance;
    }

    /**
     * Voids an unpaid ({@code open} or {@code uncollectible}) invoice: nothing more will be collected for it, and no
     * further attempt is planned. Paid, void and draft invoices stay as they are.
     *
     * @return true when the invoice changed
     */
    public boolean voidUnpaid(Instant now) {
        if (status != InvoiceStatus.OPEN && status != InvoiceStatus.UNCOLLECTIBLE) {
            return false;
        }
        status = InvoiceStatus.VOID;
        nextPaymentAttempt = null;
        updatedAt = now;
        return true;
    }

    /** How much of what was paid can still be credited back. */
    public long refundable() {
        return amountPaid - amountRefunded;
    }

    /**
     * Records a refund of a payment of this invoice. The invoice keeps its status (a refunded invoice was still
     * paid, as at Stripe); its credit notes say what was given back.
     *
     * @throws IllegalArgumentException when the invoice was not paid enough for this refund
     */
    public void applyRefund(long amount, Instant now) {
        if (amount <= 0 || amount > amountPaid - amountRefunded) {
            throw new IllegalArgumentException("Cannot credit " + amount + " to invoice " + id + ": "
                    + (amountPaid - amountRefunded) + " of its payments is left to refund");
        }
        amountRefunded += amount;
        updatedAt = now;
    }

    private void requireStatus(InvoiceStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("Cannot " + action + " on invoice " + id + ": it is " + status.wire());
        }
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

    public UUID customerId() {
        return customerId;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public InvoiceStatus status() {
        return status;
    }

    public String currency() {
        return currency;
    }

    public CollectionMethod collectionMethod() {
        return collectionMethod;
    }

    public Integer daysUntilDue() {
        return daysUntilDue;
    }

    public String description() {
        return description;
    }

    public long amountDue() {
        return amountDue;
    }

    public long amountPaid() {
        return amountPaid;
    }

    public long amountRemaining() {
        return amountRemaining;
    }

    public long amountRefunded() {
        return amountRefunded;
    }

    public int attemptCount() {
        return attemptCount;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    /** The lines in order; only readable once fetched (see InvoiceStore). */
    public List<InvoiceItem> lines() {
        return Collections.unmodifiableList(lines);
    }

    public PaymentError lastPaymentError() {
        return lastPaymentError;
    }

    public Instant nextPaymentAttempt() {
        return nextPaymentAttempt;
    }

    public Instant finalizedAt() {
        return finalizedAt;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The seller as printed, or null (a draft, or an invoice finalized before invoices printed it). */
    public InvoiceParty issuer() {
        return issuer;
    }

    /** The customer as printed, or null. */
    public InvoiceParty billedTo() {
        return billedTo;
    }

    public String footer() {
        return footer;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
