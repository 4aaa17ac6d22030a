package dev.billforge.invoicing.messaging;

import java.time.Instant;
import java.util.UUID;

import dev.billforge.events.creditnote.CreditNoteIssued;
import dev.billforge.events.creditnote.CreditNoteSnapshot;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceDocumentDetails;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoiceMarkedUncollectible;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoicePaymentRequested;
import dev.billforge.events.invoice.InvoiceVoided;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.invoice.InvoiceTaxRate;
import dev.billforge.invoicing.domain.AppliedTaxRate;
import dev.billforge.invoicing.domain.CreditNote;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceItem;

/** Maps invoices to the published event records (the contract in the events module). */
public final class InvoiceEvents {

    private InvoiceEvents() {
    }

    public static InvoiceFinalized finalized(Invoice invoice) {
        return new InvoiceFinalized(snapshot(invoice));
    }

    public static InvoicePaid paid(Invoice invoice, UUID paymentId) {
        return new InvoicePaid(snapshot(invoice), paymentId);
    }

    public static InvoiceVoided voided(Invoice invoice) {
        return new InvoiceVoided(snapshot(invoice));
    }

    public static InvoiceMarkedUncollectible markedUncollectible(Invoice invoice) {
        return new InvoiceMarkedUncollectible(snapshot(invoice));
    }

    /** @param paymentMethodId the customer's payment method to charge; null: their default */
    public static InvoicePaymentRequested paymentRequested(Invoice invoice, UUID paymentMethodId, Instant at) {
        return new InvoicePaymentRequested(snapshot(invoice), paymentMethodId, at);
    }

    public static CreditNoteIssued creditNoteIssued(CreditNote note, Invoice invoice) {
        return new CreditNoteIssued(new CreditNoteSnapshot(note.id(), note.number(), note.invoiceId(),
                note.invoiceNumber(), note.customerId(), note.paymentId(), note.refundId(), note.amount(),
                note.currency(), note.reason(), note.createdAt(), note.tax()), invoice.amountRefunded());
    }

    /** The invoice as events show it (and as its PDF prints it). */
    public static InvoiceSnapshot snapshot(Invoice invoice) {
        return new InvoiceSnapshot(invoice.id(), invoice.number(), invoice.customerId(), invoice.subscriptionId(),
                invoice.status().wire(), invoice.currency(), invoice.amountDue(), invoice.amountPaid(),
                invoice.amountRemaining(), invoice.total(), invoice.startingBalance(), invoice.endingBalance(),
                invoice.attemptCount(), invoice.dueDate(), invoice.periodStart(),
                invoice.periodEnd(), invoice.lines().stream().map(InvoiceEvents::line).toList(),
                invoice.finalizedAt(), invoice.paidAt(), invoice.createdAt(),
                invoice.collectionMethod().wire(), invoice.subtotal(), invoice.tax(), document(invoice));
    }

    /** What a finalized invoice prints besides amounts and lines; null on a draft (nothing is fixed yet). */
    private static InvoiceDocumentDetails document(Invoice invoice) {
        if (invoice.isDraft()) {
            return null;
        }
        AppliedTaxRate rate = invoice.taxRate();
        InvoiceTaxRate taxRate = rate == null ? null : new InvoiceTaxRate(rate.displayName(), rate.country(),
                rate.region(), rate.percentage().stripTrailingZeros().toPlainString(), rate.inclusive());
        return new InvoiceDocumentDetails(invoice.issuer(), invoice.billedTo(), taxRate, invoice.footer());
    }

    private static InvoiceLine line(InvoiceItem item) {
        return new InvoiceLine(item.description(), item.quantity(), item.unitAmount(), item.amount(),
                item.periodStart(), item.periodEnd(), item.proration());
    }
}
