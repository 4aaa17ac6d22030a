package dev.billforge.payment.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentFilter;
import dev.billforge.payment.store.PaymentStore;

/** Reading payments. Payments are created and settled by {@link InvoiceCharging}, never through the API. */
@ApplicationScoped
public class PaymentService {

    public static final String NOT_FOUND = "payment_not_found";

    private final PaymentStore store;

    public PaymentService(PaymentStore store) {
        this.store = store;
    }

    @WithSession
    public Uni<Payment> get(String tenantId, UUID id) {
        return store.findForTenant(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(NOT_FOUND, "payment", id));
    }

    @WithSession
    public Uni<Page<Payment>> list(String tenantId, PaymentFilter filter, PageRequest page) {
        Uni<Payment> cursor = page.startingAfter() == null ? Uni.createFrom().nullItem()
                : store.findForTenant(tenantId, page.startingAfter()).onItem().ifNull().failWith(() -> ApiException
                        .invalidField("starting_after", "invalid_cursor", "is not the id of a payment of yours"));
        return cursor.flatMap(after -> store.page(tenantId, filter, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }
}
