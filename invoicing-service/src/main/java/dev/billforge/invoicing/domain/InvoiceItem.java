package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One line of an invoice: what was billed for which period. {@code amount = quantity * unit_amount} in the
 * invoice's currency's minor unit; only a proration line may be negative (a credit for unused time). Lines are written
 * with their invoice and never change afterwards. A one-off line bills no service period: its period starts and ends
 * when it was added ({@link #billsNoPeriod()}), as Stripe dates one-off items.
 */
@Entity
@Table(name = "invoice_item")
public class InvoiceItem {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "invoice_id", nullable = false, updatable = false)
    private Invoice invoice;
    /** 1-based position on the invoice: lines print in the order they were added. */
    @Column(name = "line_number", nullable = false, updatable = false)
    private int lineNumber;
    @Column(nullable = false)
    private String description;
    @Column(nullable = false)
    private long quantity;
    @Column(name = "unit_amount", nullable = false)
    private long unitAmount;
    @Column(nullable = false)
    private long amount;
    @Column(name = "period_start", nullable = false)
    private Instant periodStart;
    @Column(name = "period_end", nullable = false)
    private Instant periodEnd;
    @Column(nullable = false)
    private boolean proration;

    /** Billing dates print in UTC and English, so the same period always reads the same. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    protected InvoiceItem() {
        // for Hibernate
    }

    static InvoiceItem of(UUID id, Invoice invoice, int lineNumber, LineDetails details) {
        if (details.quantity() < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + details.quantity());
        }
        if (details.unitAmount() < 0 && !details.proration()) {
            throw new IllegalArgumentException("unit_amount must not be negative, was " + details.unitAmount()
                    + " (only a proration line credits unused time)");
        }
        if (details.periodEnd().isBefore(details.periodStart())) {
            throw new IllegalArgumentException("a line's period must not end before it starts");
        }
        InvoiceItem item = new InvoiceItem();
        item.id = id;
        item.tenantId = invoice.tenantId();
        item.invoice = invoice;
        item.lineNumber = lineNumber;
        item.description = details.description();
        item.quantity = details.quantity();
        item.unitAmount = details.unitAmount();
        item.amount = Math.multiplyExact(details.quantity(), details.unitAmount());
        item.periodStart = details.periodStart();
        item.periodEnd = details.periodEnd();
        item.proration = details.proration();
        return item;
    }

    /** A line's description for {@code what} billed over a period: {@code Pro (Nov 25, 2026 – Dec 25, 2026)}. */
    public static String describePeriod(String what, Instant periodStart, Instant periodEnd) {
        return what + " (" + DAY.format(periodStart) + " \u2013 " + DAY.format(periodEnd) + ")";
    }

    /**
     * What a new line bills.
     *
     * @param unitAmount price of one unit in the currency's minor unit; negative only for a proration credit
     */
    public record LineDetails(String description, long quantity, long unitAmount, Instant periodStart,
            Instant periodEnd, boolean proration) {

        /** A one-off charge added at {@code at}: no service period (it starts and ends then), never a proration. */
        public static LineDetails oneOff(String description, long quantity, long unitAmount, Instant at) {
            return new LineDetails(description, quantity, unitAmount, at, at, false);
        }
    }

    public UUID id() {
        return id;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public String description() {
        return description;
    }

    public long quantity() {
        return quantity;
    }

    public long unitAmount() {
        return unitAmount;
    }

    public long amount() {
        return amount;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    public boolean proration() {
        return proration;
    }

    /** A one-off charge rather than a service period: revenue recognition takes it in at once. */
    public boolean billsNoPeriod() {
        return periodStart.equals(periodEnd);
    }
}
