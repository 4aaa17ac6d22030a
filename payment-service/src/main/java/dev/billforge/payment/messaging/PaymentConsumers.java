package dev.billforge.payment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import dev.billforge.chassis.inbox.EventRoutes;
import dev.billforge.chassis.inbox.EventRoutes.BatchFollowUp;
import dev.billforge.chassis.inbox.EventRoutes.FollowUp;
import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.service.DunningLedger;
import dev.billforge.payment.service.InvoiceCharging;
import dev.billforge.payment.service.SubscriptionPauses;
import dev.billforge.payment.service.VoidedInvoices;

/**
 * The events payment-service acts on, read in batches on one channel (topics in application.properties), each
 * applied once per event id in the batch's transaction (chassis {@link Inbox}). The names below are the consumer
 * names the inbox records events under.
 *
 * <ul>
 * <li>{@code invoice.finalized} opens one payment attempt in the inbox transaction; the provider is called after the
 * transaction has committed (no transaction stays open while a provider answers), together with the batch's other
 * attempts (calls side by side, answers recorded in one transaction; {@code InvoiceCharging.chargeAll}). The Kafka
 * offset is committed once that is done. If this service dies in between, the redelivered event is a duplicate for
 * the inbox, and the payment left {@code processing} is finished by {@code PaymentRecovery} with the same idempotency
 * key, so the provider charges once. A failing provider call is logged, not rethrown, for the same reason.</li>
 * An invoice sent to the customer ({@code collection_method: send_invoice}) is not charged when finalized.</li>
 * <li>{@code invoice.payment_requested} (someone asked to pay an invoice now) opens the invoice's next attempt with
 * the payment method asked for, the same way.</li>
 * <li>{@code invoice.voided}: dunning ends and captured payments of the invoice are refunded.</li>
 * <li>{@code invoice.marked_uncollectible}: dunning ends.</li>
 * <li>{@code subscription.paused} and {@code subscription.resumed}: dunning skips the invoices of paused
 * subscriptions until they resume.</li>
 * </ul>
 */
@ApplicationScoped
public class PaymentConsumers {

    public static final String CHANNEL = "payment-events";

    public static final String INVOICE_FINALIZED = "invoice-finalized";
    public static final String INVOICE_VOIDED = "invoice-voided";
    public static final String INVOICE_PAYMENT_REQUESTED = "invoice-payment-requested";
    public static final String INVOICE_MARKED_UNCOLLECTIBLE = "invoice-marked-uncollectible";
    public static final String SUBSCRIPTION_PAUSED = "subscription-paused";
    public static final String SUBSCRIPTION_RESUMED = "subscription-resumed";

    private final Inbox inbox;
    private final EventRoutes routes;
    private final BatchFollowUp<InvoiceCharging.OpenedAttempt> charges;

    public PaymentConsumers(Inbox inbox, InvoiceCharging charging, VoidedInvoices voided, SubscriptionPauses pauses,
            DunningLedger dunning) {
        this.inbox = inbox;
        this.charges = charging::chargeAll; // one object: the batch's attempts are grouped by it
        this.routes = EventRoutes.builder()
                // A batch's finalized invoices: their attempts opened as a set, charged together after the commit.
                .onBatchThen(EventCatalog.INVOICE_FINALIZED, INVOICE_FINALIZED, events -> charging
                        .openAttempts(events.stream().filter(e -> e.data().invoice().chargedAutomatically())
                                .map(e -> new InvoiceCharging.DueAttempt(e.event().tenantid(),
                                        PaymentEvents.due(e.data().invoice()), e.journey()))
                                .toList())
                        .map(opened -> opened.isEmpty() ? FollowUp.NONE : () -> charging.chargeAll(opened)))
                .onThen(EventCatalog.INVOICE_PAYMENT_REQUESTED, INVOICE_PAYMENT_REQUESTED, (event, data) -> charging
                        .openRequestedAttempt(event.tenantid(), PaymentEvents.requested(data.invoice()),
                                data.paymentMethodId())
                        .map(opened -> chargeAfterCommit(opened)))
                .on(EventCatalog.INVOICE_MARKED_UNCOLLECTIBLE, INVOICE_MARKED_UNCOLLECTIBLE,
                        (event, data) -> dunning.invoiceWrittenOff(event.tenantid(), data.invoice().id()))
                .on(EventCatalog.INVOICE_VOIDED, INVOICE_VOIDED,
                        (event, data) -> voided.invoiceVoided(event.tenantid(), data.invoice().id()))
                .on(EventCatalog.SUBSCRIPTION_PAUSED, SUBSCRIPTION_PAUSED, (event, paused) -> pauses
                        .paused(event.tenantid(), paused.subscription().id(), event.time()))
                .on(EventCatalog.SUBSCRIPTION_RESUMED, SUBSCRIPTION_RESUMED, (event, resumed) -> pauses
                        .resumed(event.tenantid(), resumed.subscription().id(), event.time()))
                .buildFor(CHANNEL);
    }

    /** The attempt's provider call, made with the batch's others once the batch has committed. */
    private FollowUp chargeAfterCommit(InvoiceCharging.OpenedAttempt opened) {
        return opened == null ? FollowUp.NONE : FollowUp.joining(charges, opened);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(batch, routes);
    }
}
