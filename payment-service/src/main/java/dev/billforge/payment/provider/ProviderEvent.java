package dev.billforge.payment.provider;

import java.util.UUID;

import dev.billforge.payment.domain.DisputeStatus;
import dev.billforge.payment.domain.PaymentStatus;
import dev.billforge.payment.domain.Refund;

/**
 * A provider's webhook event whose signature was verified, reduced to what payments need. The provider's own
 * format stays in its gateway.
 */
public sealed interface ProviderEvent {

    /** The provider's id of the event: each is processed once. */
    String eventId();

    /** The provider's event type, as sent ({@code payment_intent.succeeded}, ...). */
    String type();

    /**
     * A late outcome of one of our charges.
     *
     * @param paymentReference the provider's id of the payment (Stripe's PaymentIntent id)
     * @param paymentId our payment's id, when the provider echoes the metadata we sent with the charge
     */
    record PaymentOutcome(String eventId, String type, PaymentStatus outcome, String paymentReference,
            UUID paymentId, String failureCode, String declineCode, String failureMessage) implements ProviderEvent {
    }

    /**
     * A refund was made, settled or failed, through our API or in the provider's dashboard.
     *
     * @param refundId our refund's id, when the provider echoes the metadata we sent with it (not for dashboard
     *        refunds)
     * @param amount in the payment's currency's minor unit
     */
    record RefundUpdate(String eventId, String type, String paymentReference, String refundReference, UUID refundId,
            long amount, Refund.Status status, String reason, String failureCode) implements ProviderEvent {
    }

    /**
     * A dispute (chargeback) was opened, changed or closed.
     *
     * @param status the provider's status in our words (each plugin maps its own)
     */
    record DisputeUpdate(String eventId, String type, String paymentReference, String disputeReference, long amount,
            String reason, DisputeStatus status) implements ProviderEvent {
    }

    /** Anything we do not act on: acknowledged and recorded, so it is not redelivered. */
    record Ignored(String eventId, String type) implements ProviderEvent {
    }
}
