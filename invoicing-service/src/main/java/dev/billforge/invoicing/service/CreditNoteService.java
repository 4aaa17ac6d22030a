package dev.billforge.invoicing.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.domain.CreditNote;
import dev.billforge.invoicing.store.CreditNoteStore;

/** Reading credit notes. They are issued by {@link InvoiceBilling} as refunds are announced, not through the API. */
@ApplicationScoped
public class CreditNoteService {

    private final CreditNoteStore store;

    public CreditNoteService(CreditNoteStore store) {
        this.store = store;
    }

    @WithSession
    public Uni<CreditNote> get(String tenantId, UUID id) {
        return store.findForTenant(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.CREDIT_NOTE_NOT_FOUND, "credit note", id));
    }

    /** Newest first, optionally one invoice's or one customer's. */
    @WithSession
    public Uni<Page<CreditNote>> list(String tenantId, UUID invoiceId, UUID customerId, PageRequest page) {
        return page.cursor(id -> store.findForTenant(tenantId, id), "credit note")
                .flatMap(after -> store.page(tenantId, invoiceId, customerId, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }
}
