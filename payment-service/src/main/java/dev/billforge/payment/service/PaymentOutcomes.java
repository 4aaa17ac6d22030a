package dev.billforge.payment.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.domain.Dispute;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentStatus;
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

    /** A payment settled, and the trace context its outcome is published in. */
    public record Settled(Payment payment, Context journey) {
    }

    /**
     * {@link #publish} for a set of settled payments: the captured ones' dunning ended and their voided invoices'
     * refunds made with one query each for the set, and their outcomes published with one statement; failures move
     * their invoices' dunning one by one (each is its own schedule); every outcome published in its own journey.
     */
    public Uni<Void> publishAll(List<Settled> settled) {
        List<Payment> captured = settled.stream().map(Settled::payment)
                .filter(payment -> payment.status() == PaymentStatus.SUCCEEDED).toList();
        return dunning.paymentsSucceeded(captured).chain(() -> voided.refundAllIfVoided(captured))
                .chain(() -> outbox.publishAll(settled.stream()
                        .filter(s -> s.payment().status() == PaymentStatus.SUCCEEDED)
                        .<Outbox.Publication<?>> map(s -> new Outbox.Publication<>(EventCatalog.PAYMENT_SUCCEEDED,
                                s.payment().tenantId(), s.payment().id(), PaymentEvents.succeeded(s.payment()),
                                s.journey()))
                        .toList()))
                .chain(() -> Multi.createFrom().iterable(settled)
                        .filter(s -> s.payment().status() != PaymentStatus.SUCCEEDED)
                        .onItem().transformToUniAndConcatenate(s -> {
                            try (Scope inItsJourney = s.journey().makeCurrent()) {
                                return publish(s.payment());
                            }
                        }).collect().last())
                .replaceWithVoid();
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
