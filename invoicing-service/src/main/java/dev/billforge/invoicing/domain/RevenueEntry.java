package dev.billforge.invoicing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An amount of revenue (net of tax, in the currency's minor unit) recognised straight-line by day over a service
 * period: the paid price of one invoice line ({@link #CHARGE}), or a credit note's reversal of part of it. Written
 * once, never changed; what an entry has recognised by a given instant is computed ({@link #recognizedBy}), so a
 * month's figure is the difference of two cumulative, rounded amounts and the months of an entry add up to it
 * exactly.
 * <p>
 * Revenue is never recognised before it was booked (the invoice paid, the credit note issued): what the period had
 * already earned by then is recognised at once when it is booked, in the booking's month. A month that has ended is
 * therefore never changed by a later booking, which is what lets {@code revenue.recognized} close it for good.
 */
@Entity
@Table(name = "revenue_entry")
public class RevenueEntry {

    /** The paid line's own revenue. */
    public static final String CHARGE = "charge";
    /** A credit note's reversal of what the line had recognised when the note was issued: reversed at once. */
    public static final String REVERSAL_RECOGNIZED = "reversal_recognized";
    /** A credit note's reversal of what the line had still deferred: reversed over the rest of its period. */
    public static final String REVERSAL_DEFERRED = "reversal_deferred";

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "invoice_id", nullable = false, updatable = false)
    private UUID invoiceId;
    @Column(name = "invoice_item_id", nullable = false, updatable = false)
    private UUID invoiceItemId;
    @Column(name = "line_number", nullable = false, updatable = false)
    private int lineNumber;
    @Column(name = "credit_note_id", updatable = false)
    private UUID creditNoteId;
    @Column(nullable = false, updatable = false)
    private String kind;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Column(nullable = false, updatable = false)
    private long amount;
    @Column(name = "recognize_from", nullable = false, updatable = false)
    private Instant recognizeFrom;
    @Column(name = "recognize_until", nullable = false, updatable = false)
    private Instant recognizeUntil;
    @Column(name = "booked_at", nullable = false, updatable = false)
    private Instant bookedAt;

    protected RevenueEntry() {
        // for Hibernate
    }

    /**
     * @param amount net of tax; may be negative (a proration credit, a reversal)
     * @param recognizeFrom when the service period starts; equal to {@code recognizeUntil} for revenue recognised at
     *        once (a one-off charge)
     */
    static RevenueEntry of(UUID id, Invoice invoice, InvoiceItem line, UUID creditNoteId, String kind, long amount,
            Instant recognizeFrom, Instant recognizeUntil, Instant bookedAt) {
        if (recognizeUntil.isBefore(recognizeFrom)) {
            throw new IllegalArgumentException("a recognition period must not end before it starts");
        }
        RevenueEntry entry = new RevenueEntry();
        entry.id = Objects.requireNonNull(id);
        entry.tenantId = invoice.tenantId();
        entry.invoiceId = invoice.id();
        entry.invoiceItemId = line.id();
        entry.lineNumber = line.lineNumber();
        entry.creditNoteId = creditNoteId;
        entry.kind = Objects.requireNonNull(kind);
        entry.currency = invoice.currency();
        entry.amount = amount;
        entry.recognizeFrom = recognizeFrom;
        entry.recognizeUntil = recognizeUntil;
        entry.bookedAt = Objects.requireNonNull(bookedAt);
        return entry;
    }

    /**
     * How much of the amount is recognised by {@code at}: nothing before it was booked; then straight-line by whole
     * UTC days over the period (a day counts once it has ended), rounded half away from zero on the cumulative
     * amount, so successive differences never lose or invent a minor unit; all of it once the period has ended (a
     * period within one day, then, at its end); an entry with no period ({@code from == until}) at once.
     */
    public long recognizedBy(Instant at) {
        if (at.isBefore(bookedAt)) {
            return 0;
        }
        if (!at.isBefore(recognizeUntil)) {
            return amount;
        }
        LocalDate first = day(recognizeFrom);
        long days = Math.max(1, ChronoUnit.DAYS.between(first, day(recognizeUntil)));
        long elapsed = Math.min(days, Math.max(0, ChronoUnit.DAYS.between(first, day(at))));
        return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(elapsed))
                .divide(BigDecimal.valueOf(days), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** What is booked but not yet recognised by {@code at} (nothing before it was booked). */
    public long deferredAt(Instant at) {
        return at.isBefore(bookedAt) ? 0 : amount - recognizedBy(at);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
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

    public UUID invoiceItemId() {
        return invoiceItemId;
    }

    public int lineNumber() {
        return lineNumber;
    }

    /** The credit note that reversed revenue with this entry, or null for a line's own revenue. */
    public UUID creditNoteId() {
        return creditNoteId;
    }

    public String kind() {
        return kind;
    }

    public String currency() {
        return currency;
    }

    public long amount() {
        return amount;
    }

    public Instant recognizeFrom() {
        return recognizeFrom;
    }

    public Instant recognizeUntil() {
        return recognizeUntil;
    }

    public Instant bookedAt() {
        return bookedAt;
    }
}
