package dev.billforge.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.billforge.events.customer.PostalAddress;
import dev.billforge.events.invoice.InvoiceDocumentDetails;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.invoice.InvoiceTaxRate;

/**
 * The document an invoice prints, from its event snapshot: invoicing-service (the download) and notification-service
 * (the receipt's attachment) both print from the snapshot, so the two can never show different invoices.
 */
public final class InvoiceDocuments {

    private InvoiceDocuments() {
    }

    /**
     * @throws IllegalArgumentException for a draft (no number, nothing fixed yet): only a finalized invoice prints
     */
    public static InvoiceDocument from(InvoiceSnapshot invoice) {
        if (invoice.number() == null || invoice.finalizedAt() == null) {
            throw new IllegalArgumentException("Invoice " + invoice.id() + " is a draft: it has no document yet");
        }
        InvoiceDocumentDetails details = invoice.document();
        InvoiceParty issuer = details == null ? null : details.issuer();
        InvoiceParty billedTo = details == null ? null : details.billedTo();
        long total = invoice.total() != null ? invoice.total() : invoice.amountDue();
        long tax = invoice.tax() != null ? invoice.tax() : 0;
        long subtotal = invoice.subtotal() != null ? invoice.subtotal() : total - tax;
        List<InvoiceDocument.Line> lines = new ArrayList<>(invoice.lines().size());
        for (InvoiceLine line : invoice.lines()) {
            boolean oneOff = line.periodStart() != null && line.periodStart().equals(line.periodEnd());
            lines.add(new InvoiceDocument.Line(line.description(), line.quantity(), line.unitAmount(), line.amount(),
                    oneOff ? null : line.periodStart(), oneOff ? null : line.periodEnd()));
        }
        return new InvoiceDocument(invoice.number(), invoice.status(), invoice.currency(),
                LocalDate.ofInstant(invoice.finalizedAt(), ZoneOffset.UTC), invoice.dueDate(), invoice.periodStart(),
                invoice.periodEnd(), party(issuer, ""), party(billedTo, "Customer " + invoice.customerId()), lines,
                subtotal, tax, taxLabel(details == null ? null : details.taxRate()), total,
                invoice.startingBalance() != null ? invoice.startingBalance() : 0, invoice.amountDue(),
                invoice.amountPaid(), invoice.amountRemaining(), details == null ? null : details.footer());
    }

    /** {@code VAT 19%}, or {@code VAT 19% (included)} when the tax is inside the prices; null when untaxed. */
    static String taxLabel(InvoiceTaxRate rate) {
        if (rate == null) {
            return null;
        }
        String percentage = new BigDecimal(rate.percentage()).stripTrailingZeros().toPlainString();
        return rate.displayName() + " " + percentage + "%" + (rate.inclusive() ? " (included)" : "");
    }

    private static InvoiceDocument.Party party(InvoiceParty party, String unnamed) {
        if (party == null) {
            return new InvoiceDocument.Party(unnamed, List.of(), null, null);
        }
        return new InvoiceDocument.Party(party.name() == null ? unnamed : party.name(), addressLines(party.address()),
                party.taxId(), party.email());
    }

    /** Street lines, then postal code and city, state, and the country's English name. */
    static List<String> addressLines(PostalAddress address) {
        if (address == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        add(lines, address.line1());
        add(lines, address.line2());
        add(lines, ((address.postalCode() == null ? "" : address.postalCode()) + " "
                + (address.city() == null ? "" : address.city())).trim());
        add(lines, address.state());
        if (address.country() != null) {
            String name = Locale.of("", address.country()).getDisplayCountry(Locale.ENGLISH);
            add(lines, name.isBlank() ? address.country() : name);
        }
        return lines;
    }

    private static void add(List<String> lines, String line) {
        if (line != null && !line.isBlank()) {
            lines.add(line);
        }
    }
}
