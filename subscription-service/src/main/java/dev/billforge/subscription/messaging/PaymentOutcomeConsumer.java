package dev.billforge.subscription.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import dev.billforge.chassis.inbox.EventRoutes;
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

    static final String CHANNEL = "subscription-events";

    private final Inbox inbox;
    private final EventRoutes routes;

    public PaymentOutcomeConsumer(Inbox inbox, SubscriptionBilling billing) {
        this.inbox = inbox;
        this.routes = EventRoutes.builder()
                // A batch's paid invoices at once: most concern active subscriptions, which they leave as they are.
                .onBatch(EventCatalog.INVOICE_PAID, INVOICE_PAID, billing::invoicesPaid)
                .on(EventCatalog.PAYMENT_FAILED, PAYMENT_FAILED, (event, failed) -> billing
                        .paymentFailed(event.tenantid(), failed.payment().subscriptionId(), event.time()))
                .on(EventCatalog.DUNNING_EXHAUSTED, DUNNING_EXHAUSTED, (event, exhausted) -> billing
                        .dunningExhausted(event.tenantid(), exhausted.subscriptionId(), exhausted.whenExhausted(),
                                exhausted.exhaustedAt()))
                .buildFor(CHANNEL);
    }

    /** Read in batches on one channel (topics in application.properties), each event applied once (chassis Inbox). */
    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, routes);
    }
}
