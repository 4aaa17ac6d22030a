package dev.billforge.invoicing.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceFilter;
import dev.billforge.invoicing.store.InvoiceStore;

/**
 * Reading invoices. Events write them ({@link SubscriptionInvoicing}, {@link InvoiceBilling}), and so does the API
 * ({@link InvoiceDrafting}, {@link InvoiceCollection}).
 */
@ApplicationScoped
public class InvoiceService {

    private final InvoiceStore store;

    public InvoiceService(InvoiceStore store) {
        this.store = store;
    }

    /** The tenant's invoice with its lines; 404 {@code invoice_not_found} for an unknown or foreign id. */
    @WithSession
    public Uni<Invoice> get(String tenantId, UUID id) {
        return store.findWithLines(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.INVOICE_NOT_FOUND, "invoice", id));
    }

    /** The newest invoice of each of the subscriptions that has one, with its lines, newest first. */
    @WithSession
    public Uni<List<Invoice>> latestOfSubscriptions(String tenantId, List<UUID> subscriptionIds) {
        return store.latestOfSubscriptions(tenantId, subscriptionIds);
    }

    /** Newest first, with lines; {@code starting_after} must be one of the tenant's invoices. */
    @WithSession
    public Uni<Page<Invoice>> list(String tenantId, InvoiceFilter filter, PageRequest page) {
        return page.cursor(id -> store.findWithoutLines(tenantId, id), "invoice")
                .flatMap(after -> store.page(tenantId, filter, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }
}
