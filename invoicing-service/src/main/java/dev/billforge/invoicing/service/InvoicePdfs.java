package dev.billforge.invoicing.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.document.InvoiceDocuments;
import dev.billforge.document.InvoicePdf;
import dev.billforge.invoicing.messaging.InvoiceEvents;

/**
 * An invoice's PDF, printed from the same snapshot its events carry (seller, customer and footer as fixed when it was
 * finalized, its status and payments as they are now). Rendering takes milliseconds of CPU, so it runs on a worker
 * thread, never on the event loop.
 */
@ApplicationScoped
public class InvoicePdfs {

    /** A rendered PDF and the file name to offer it under. */
    public record RenderedPdf(String fileName, byte[] content) {
    }

    private final InvoiceService invoices;

    public InvoicePdfs(InvoiceService invoices) {
        this.invoices = invoices;
    }

    /** Fails with 404 {@code invoice_not_found}, or 409 {@code invoice_not_finalized} for a draft. */
    public Uni<RenderedPdf> render(String tenantId, UUID invoiceId) {
        return invoices.get(tenantId, invoiceId).map(invoice -> {
            if (invoice.isDraft()) {
                throw ApiException.of(ErrorCode.INVOICE_NOT_FINALIZED,
                        "Invoice " + invoiceId + " is a draft: finalize it to print it.");
            }
            return InvoiceDocuments.from(InvoiceEvents.snapshot(invoice));
        }).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(document -> new RenderedPdf(InvoicePdf.fileName(document), InvoicePdf.render(document)));
    }
}
