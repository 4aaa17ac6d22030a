package dev.billforge.payment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.service.VoidedInvoices;

/** {@code invoice.voided}: dunning ends and captured payments of the invoice are refunded. */
@ApplicationScoped
public class InvoiceVoidedConsumer {

    public static final String CHANNEL = "invoice-voided";

    private final Inbox inbox;
    private final VoidedInvoices voided;

    public InvoiceVoidedConsumer(Inbox inbox, VoidedInvoices voided) {
        this.inbox = inbox;
        this.voided = voided;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onInvoiceVoided(String payload) {
        return inbox.consume(CHANNEL, payload, EventCatalog.INVOICE_VOIDED,
                (event, data) -> voided.invoiceVoided(event.tenantid(), data.invoice().id()));
    }
}
