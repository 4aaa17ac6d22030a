package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.messaging.PaymentEvents;

/**
 * Publishes a payment's outcome ({@code payment.succeeded}, {@code payment.failed},
 * {@code payment.action_required}) through the outbox, in the transaction that recorded it, whether the outcome
 * came from the provider's answer to our charge or from its webhook later.
 */
@ApplicationScoped
public class PaymentOutcomes {

    private final Outbox outbox;

    public PaymentOutcomes(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(Payment payment) {
        Uni<?> published = switch (payment.status()) {
            case SUCCEEDED -> outbox.publish(EventCatalog.PAYMENT_SUCCEEDED, payment.tenantId(), payment.id(),
                    PaymentEvents.succeeded(payment));
            case FAILED -> outbox.publish(EventCatalog.PAYMENT_FAILED, payment.tenantId(), payment.id(),
                    PaymentEvents.failed(payment));
            case REQUIRES_ACTION -> outbox.publish(EventCatalog.PAYMENT_ACTION_REQUIRED, payment.tenantId(),
                    payment.id(), PaymentEvents.actionRequired(payment));
            default -> throw new IllegalStateException("Payment " + payment.id() + " has no outcome to publish");
        };
        return published.replaceWithVoid();
    }
}
