package dev.billforge.invoicing.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.EventCatalog;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.messaging.InvoiceEvents;
import dev.billforge.invoicing.store.InvoiceStore;

/**
 * What a tenant does to a finalized invoice through the API: ask for payment now, void it, write it off. Each locks
 * the invoice, checks its state (409 with a stable code otherwise) and announces the change through the outbox in
 * the same transaction.
 */
@ApplicationScoped
public class InvoiceCollection {

    private final InvoiceStore store;
    private final InvoiceIssuer issuer;
    private final Outbox outbox;
    private final BusinessClock clock;

    public InvoiceCollection(InvoiceStore store, InvoiceIssuer issuer, Outbox outbox, BusinessClock clock) {
        this.store = store;
        this.issuer = issuer;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Asks payment-service to charge what is left of an open (or uncollectible) invoice now, with {@code
     * paymentMethodId} or the customer's default ({@code invoice.payment_requested}). The attempt is made
     * asynchronously; its outcome shows on the invoice ({@code paid}, or {@code last_payment_error}) and is announced
     * as {@code payment.succeeded} or {@code payment.failed}.
     */
    @WithTransaction
    public Uni<Invoice> requestPayment(String tenantId, UUID invoiceId, UUID paymentMethodId) {
        return InvoiceLocks.lock(store, tenantId, invoiceId, Invoice::payable, ErrorCode.INVOICE_NOT_PAYABLE,
                "only an open or uncollectible invoice with something left to pay is paid")
                .call(invoice -> outbox.publish(EventCatalog.INVOICE_PAYMENT_REQUESTED, tenantId, invoice.id(),
                        InvoiceEvents.paymentRequested(invoice, paymentMethodId, clock.now(tenantId))));
    }

    /**
     * Voids an open invoice: nothing more is collected ({@code invoice.voided}: dunning stops, a payment still in
     * flight is refunded), and the credit it used goes back to the customer.
     */
    @WithTransaction
    public Uni<Invoice> voidInvoice(String tenantId, UUID invoiceId) {
        return InvoiceLocks.lock(store, tenantId, invoiceId, Invoice::isOpen, ErrorCode.INVOICE_NOT_OPEN,
                "only an open invoice is voided").call(invoice -> issuer.voidUnpaid(invoice, clock.now(tenantId)));
    }

    /**
     * Writes an open invoice off as {@code uncollectible} ({@code invoice.marked_uncollectible}: dunning stops). It
     * can still be paid.
     */
    @WithTransaction
    public Uni<Invoice> markUncollectible(String tenantId, UUID invoiceId) {
        return InvoiceLocks.lock(store, tenantId, invoiceId, Invoice::isOpen, ErrorCode.INVOICE_NOT_OPEN,
                "only an open invoice is written off").call(invoice -> {
            Instant now = clock.now(tenantId);
            invoice.markUncollectible(now);
            return outbox.publish(EventCatalog.INVOICE_MARKED_UNCOLLECTIBLE, tenantId, invoice.id(),
                    InvoiceEvents.markedUncollectible(invoice));
        });
    }

}
