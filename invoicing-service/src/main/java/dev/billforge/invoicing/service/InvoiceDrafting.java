package dev.billforge.invoicing.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceItem;
import dev.billforge.invoicing.domain.OneOffInvoice;
import dev.billforge.invoicing.store.InvoiceStore;

/**
 * One-off invoices through the API: a draft is made, takes lines, and is finalized (numbered, the customer's credit
 * applied, {@code invoice.finalized} announced: then charged or sent as its collection method says) or deleted. Each
 * step locks the invoice, so two requests on one draft apply one after the other.
 */
@ApplicationScoped
public class InvoiceDrafting {

    private final InvoiceStore store;
    private final InvoiceIssuer issuer;
    private final TaxRates taxRates;
    private final BusinessClock clock;

    public InvoiceDrafting(InvoiceStore store, InvoiceIssuer issuer, TaxRates taxRates, BusinessClock clock) {
        this.store = store;
        this.issuer = issuer;
        this.taxRates = taxRates;
        this.clock = clock;
    }

    /**
     * A new, empty draft, taxed at the customer's rate (see {@link TaxRates}); the caller has checked that the
     * customer exists.
     */
    @WithTransaction
    @BillingOperation("create_invoice")
    public Uni<Invoice> create(String tenantId, OneOffInvoice request) {
        Invoice draft = Invoice.oneOff(TimeOrderedIds.next(), tenantId, request.customerId(), request.currency(),
                request.collectionMethod(), request.daysUntilDue(), request.description(), request.metadata(),
                clock.now(tenantId));
        return taxRates.forCustomer(tenantId, request.customerId())
                .invoke(draft::taxAt)
                .chain(() -> store.persist(draft));
    }

    /**
     * Adds a one-off line (no service period) or a line for {@code details}' period to a draft.
     *
     * @throws ApiException 409 {@code invoice_not_draft}, {@code invoice_line_limit}; 400
     *         {@code invoice_total_too_large}
     */
    @WithTransaction
    public Uni<Invoice> addLine(String tenantId, UUID invoiceId, InvoiceItem.LineDetails details) {
        return lockDraft(tenantId, invoiceId).map(draft -> {
            if (!draft.hasRoomForLine()) {
                throw ApiException.of(ErrorCode.INVOICE_LINE_LIMIT,
                        "Invoice " + invoiceId + " has " + Invoice.MAX_LINES + " lines, the most one invoice holds.");
            }
            try {
                draft.addLine(TimeOrderedIds.next(), details, clock.now(tenantId));
            } catch (ArithmeticException | IllegalArgumentException tooLarge) {
                throw ApiException.of(ErrorCode.INVOICE_TOTAL_TOO_LARGE, "With this line invoice " + invoiceId
                        + " would bill more than " + Invoice.MAX_TOTAL + " in the currency's minor unit.");
            }
            return draft;
        });
    }

    /** Deletes a draft and its lines; a finalized invoice is a legal record and stays (void it instead). */
    @WithTransaction
    public Uni<Invoice> delete(String tenantId, UUID invoiceId) {
        return lockDraft(tenantId, invoiceId).call(store::delete);
    }

    /**
     * Finalizes a draft: the tenant's next number, the due date its collection method gives, the customer's credit
     * applied, {@code invoice.finalized} announced (and {@code invoice.paid} when nothing is due).
     */
    @WithTransaction
    public Uni<Invoice> finalizeDraft(String tenantId, UUID invoiceId) {
        return lockDraft(tenantId, invoiceId).chain(draft -> {
            if (draft.lines().isEmpty()) {
                return Uni.createFrom().failure(ApiException.of(ErrorCode.INVOICE_HAS_NO_LINES,
                        "Invoice " + invoiceId + " has no lines; add one before finalizing it."));
            }
            return issuer.issue(draft, clock.now(tenantId));
        });
    }

    private Uni<Invoice> lockDraft(String tenantId, UUID invoiceId) {
        return InvoiceLocks.lock(store, tenantId, invoiceId, Invoice::isDraft, ErrorCode.INVOICE_NOT_DRAFT,
                "only a draft changes");
    }
}
