package dev.billforge.payment.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentFilter;
import dev.billforge.payment.store.PaymentStore;

/** Reading payments. Payments are created and settled by {@link InvoiceCharging}, never through the API. */
@ApplicationScoped
public class PaymentService {

    private final PaymentStore store;

    public PaymentService(PaymentStore store) {
        this.store = store;
    }

    @WithSession
    public Uni<Payment> get(String tenantId, UUID id) {
        return store.findForTenant(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.PAYMENT_NOT_FOUND, "payment", id));
    }

    @WithSession
    public Uni<Page<Payment>> list(String tenantId, PaymentFilter filter, PageRequest page) {
        return page.cursor(id -> store.findForTenant(tenantId, id), "payment")
                .flatMap(after -> store.page(tenantId, filter, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }
}
