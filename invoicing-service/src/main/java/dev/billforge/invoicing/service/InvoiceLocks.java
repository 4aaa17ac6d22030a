package dev.billforge.invoicing.service;

import java.util.UUID;
import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.store.InvoiceStore;

/** How an API request takes the invoice it changes: locked, 404 when unknown, 409 when its state does not allow it. */
final class InvoiceLocks {

    private InvoiceLocks() {
    }

    /**
     * The tenant's invoice with its lines, locked until the transaction ends.
     *
     * @param allowed whether the invoice's state allows the change
     * @param otherwise the 409 code when it does not
     * @param allows what the change needs, for the problem's detail ("only a draft changes")
     */
    static Uni<Invoice> lock(InvoiceStore store, String tenantId, UUID invoiceId, Predicate<Invoice> allowed,
            ErrorCode otherwise, String allows) {
        return store.lockWithLines(tenantId, invoiceId).map(invoice -> {
            if (invoice == null) {
                throw ResourceIds.notFound(ErrorCode.INVOICE_NOT_FOUND, "invoice", invoiceId);
            }
            if (!allowed.test(invoice)) {
                throw ApiException.of(otherwise,
                        "Invoice " + invoiceId + " is " + invoice.status().wire() + "; " + allows + ".");
            }
            return invoice;
        });
    }
}
