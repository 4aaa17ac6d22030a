package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.domain.Dispute;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.Refund;
import dev.billforge.payment.messaging.PaymentEvents;

/**
 * Publishes what happened to a payment through the outbox, in the transaction that recorded it, whether it came
 * from the provider's answer to our call or from its webhook later: its outcome ({@code payment.succeeded},
 * {@code payment.failed}, {@code payment.action_required}), its refunds ({@code payment.refunded}) and disputes
 * ({@code payment.dispute_opened}, {@code payment.dispute_closed}).
 */
@ApplicationScoped
public class PaymentOutcomes {

    private final Outbox outbox;
    private final DunningLedger dunning;
    private final VoidedInvoices voided;

    public PaymentOutcomes(Outbox outbox, DunningLedger dunning, VoidedInvoices voided) {
        this.outbox = outbox;
        this.dunning = dunning;
        this.voided = voided;
    }

    /**
     * Publishes the payment's outcome; a failure (or a demand for authentication) begins or moves on the invoice's
     * dunning, a success ends it (and is refunded when the invoice was voided meanwhile).
     */
    public Uni<Void> publish(Payment payment) {
        Uni<?> published = switch (payment.status()) {
            case SUCCEEDED -> dunning.paymentSucceeded(payment).chain(() -> voided.refundIfVoided(payment))
                    .chain(() -> outbox.publish(EventCatalog.PAYMENT_SUCCEEDED, payment.tenantId(), payment.id(),
                            PaymentEvents.succeeded(payment)));
            case FAILED -> dunning.paymentFailed(payment).chain(nextRetryAt -> outbox.publish(
                    EventCatalog.PAYMENT_FAILED, payment.tenantId(), payment.id(),
                    PaymentEvents.failed(payment, nextRetryAt)));
            // Dunning counts it as a failed attempt (as Stripe does): should the customer never authenticate, the
            // schedule still retries and, at its end, gives up; authenticating later succeeds and ends dunning.
            case REQUIRES_ACTION -> dunning.paymentFailed(payment).chain(() -> outbox.publish(
                    EventCatalog.PAYMENT_ACTION_REQUIRED, payment.tenantId(), payment.id(),
                    PaymentEvents.actionRequired(payment)));
            default -> throw new IllegalStateException("Payment " + payment.id() + " has no outcome to publish");
        };
        return published.replaceWithVoid();
    }

    public Uni<Void> refunded(Payment payment, Refund refund) {
        return outbox.publish(EventCatalog.PAYMENT_REFUNDED, payment.tenantId(), payment.id(),
                PaymentEvents.refunded(payment, refund)).replaceWithVoid();
    }

    public Uni<Void> disputeOpened(Payment payment, Dispute dispute) {
        return outbox.publish(EventCatalog.PAYMENT_DISPUTE_OPENED, payment.tenantId(), payment.id(),
                PaymentEvents.disputeOpened(payment, dispute)).replaceWithVoid();
    }

    public Uni<Void> disputeClosed(Payment payment, Dispute dispute) {
        return outbox.publish(EventCatalog.PAYMENT_DISPUTE_CLOSED, payment.tenantId(), payment.id(),
                PaymentEvents.disputeClosed(payment, dispute)).replaceWithVoid();
    }
}
