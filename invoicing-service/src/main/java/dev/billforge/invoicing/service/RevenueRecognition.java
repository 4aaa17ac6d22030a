package dev.billforge.invoicing.service;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.events.revenue.RevenueRecognized;
import dev.billforge.invoicing.domain.CreditNote;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.MonthlyRevenue;
import dev.billforge.invoicing.domain.RevenueEntry;
import dev.billforge.invoicing.domain.RevenueSchedules;
import dev.billforge.invoicing.store.CreditNoteStore;
import dev.billforge.invoicing.store.RevenueEntryStore;

/**
 * Books revenue as invoices are paid and credit notes issued (see {@link RevenueSchedules} for the rules), and reads
 * it back per invoice and per month. Booking runs inside the caller's transaction (the one that made the invoice
 * paid or issued the credit note), so revenue is booked exactly when, and only if, that change commits.
 */
@ApplicationScoped
public class RevenueRecognition {

    /** The longest summary one request may ask for: ten years of months. */
    public static final int MAX_SUMMARY_MONTHS = 120;

    private final RevenueEntryStore entries;
    private final CreditNoteStore creditNotes;

    public RevenueRecognition(RevenueEntryStore entries, CreditNoteStore creditNotes) {
        this.entries = entries;
        this.creditNotes = creditNotes;
    }

    /**
     * Books the lines of an invoice that has just been paid, at {@code now}, less what its credit notes gave back
     * before it was paid in full (a refund of a partial payment), reversed as of now.
     */
    public Uni<Void> bookPaid(Invoice invoice, Instant now) {
        return bookPaidAll(List.of(new Paid(invoice, now)));
    }

    /** An invoice just paid, at its tenant's {@code now}. */
    public record Paid(Invoice invoice, Instant now) {
    }

    /** {@link #bookPaid} for many invoices: their credit notes read with one query, the entries added as a set. */
    public Uni<Void> bookPaidAll(List<Paid> paid) {
        if (paid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return creditNotes.ofInvoices(paid.stream().map(p -> p.invoice().id()).toList()).map(notes -> {
            List<RevenueEntry> booked = new ArrayList<>();
            for (Paid p : paid) {
                Invoice invoice = p.invoice();
                List<RevenueEntry> charges = RevenueSchedules.charges(invoice, p.now(), TimeOrderedIds::next);
                booked.addAll(charges);
                notes.stream().filter(note -> note.invoiceId().equals(invoice.id())
                        && note.tenantId().equals(invoice.tenantId()))
                        .forEach(note -> booked.addAll(RevenueSchedules.reversals(invoice, charges, note.id(),
                                note.amount(), note.tax(), p.now(), TimeOrderedIds::next)));
            }
            return booked;
        }).chain(entries::add);
    }

    /**
     * Books the reversals of a credit note just issued against {@code invoice}; none while the invoice is not paid
     * (it has no revenue yet: {@link #bookPaid} takes the note into account when it is).
     */
    public Uni<Void> bookCredit(Invoice invoice, CreditNote note) {
        return entries.chargesOf(invoice.tenantId(), invoice.id())
                .map(charges -> RevenueSchedules.reversals(invoice, charges, note.id(), note.amount(), note.tax(),
                        note.createdAt(), TimeOrderedIds::next))
                .chain(entries::add);
    }

    /** The invoice's revenue entries (empty when it is unknown, unpaid or another tenant's). */
    public Uni<List<RevenueEntry>> entriesOf(String tenantId, UUID invoiceId) {
        return Panache.withSession(() -> entries.forInvoice(tenantId, invoiceId));
    }

    /**
     * Recognised and deferred revenue in {@code currency}, month by month from {@code from} to {@code to}.
     *
     * @throws ApiException 400 {@code out_of_range} on {@code to} unless it is 0 to 119 months after {@code from}
     */
    public Uni<List<MonthlyRevenue>> summary(String tenantId, String currency, YearMonth from, YearMonth to) {
        if (to.isBefore(from) || from.plusMonths(MAX_SUMMARY_MONTHS - 1).isBefore(to)) {
            throw ApiException.invalidField("to", ErrorCode.OUT_OF_RANGE, "must be from 'from' to "
                    + MAX_SUMMARY_MONTHS + " months after it");
        }
        return Panache.withSession(() -> entries.recognizingBetween(tenantId, currency, MonthlyRevenue.start(from),
                MonthlyRevenue.end(to)))
                .emitOn(Infrastructure.getDefaultWorkerPool()) // months x entries of arithmetic: not on the event loop
                .map(found -> MonthlyRevenue.of(found, from, to));
    }

    /**
     * Every currency's figures for one month, for {@code revenue.recognized}; runs in the caller's session.
     */
    Uni<List<RevenueRecognized.CurrencyRevenue>> monthOf(String tenantId, YearMonth month) {
        Instant start = MonthlyRevenue.start(month);
        Instant end = MonthlyRevenue.end(month);
        return entries.currenciesBookedBefore(tenantId, end)
                .chain(currencies -> Multi.createFrom().iterable(currencies)
                        .onItem().transformToUniAndConcatenate(currency -> entries
                                .recognizingBetween(tenantId, currency, start, end)
                                .map(found -> MonthlyRevenue.of(found, month, month).get(0))
                                .map(figures -> new RevenueRecognized.CurrencyRevenue(currency,
                                        figures.recognized(), figures.deferred())))
                        .collect().asList());
    }
}
