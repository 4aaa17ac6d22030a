package dev.billforge.subscription.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.subscription.service.SubscriptionBilling;

/**
 * Moves subscriptions along with their payments: {@code invoice.paid} (not {@code payment.succeeded}: an invoice
 * may take several payments), {@code payment.failed} and {@code dunning.exhausted}.
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    static final String INVOICE_PAID = "invoice-paid";
    static final String PAYMENT_FAILED = "payment-failed";
    static final String DUNNING_EXHAUSTED = "dunning-exhausted";

    private final Inbox inbox;
    private final SubscriptionBilling billing;

    public PaymentOutcomeConsumer(Inbox inbox, SubscriptionBilling billing) {
        this.inbox = inbox;
        this.billing = billing;
    }

    @Incoming(INVOICE_PAID)
    public Uni<Void> onInvoicePaid(String payload) {
        return inbox.consume(INVOICE_PAID, payload, EventCatalog.INVOICE_PAID, (event, paid) -> billing
                .invoicePaid(event.tenantid(), paid.invoice().subscriptionId(),
                        paid.invoice().paidAt() != null ? paid.invoice().paidAt() : event.time(),
                        paid.invoice().amountDue() == 0));
    }

    @Incoming(PAYMENT_FAILED)
    public Uni<Void> onPaymentFailed(String payload) {
        return inbox.consume(PAYMENT_FAILED, payload, EventCatalog.PAYMENT_FAILED, (event, failed) -> billing
                .paymentFailed(event.tenantid(), failed.payment().subscriptionId(), event.time()));
    }

    @Incoming(DUNNING_EXHAUSTED)
    public Uni<Void> onDunningExhausted(String payload) {
        return inbox.consume(DUNNING_EXHAUSTED, payload, EventCatalog.DUNNING_EXHAUSTED, (event, exhausted) -> billing
                .dunningExhausted(event.tenantid(), exhausted.subscriptionId(), exhausted.whenExhausted(),
                        exhausted.exhaustedAt()));
    }
}
