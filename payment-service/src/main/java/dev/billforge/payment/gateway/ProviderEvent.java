package dev.billforge.payment.gateway;

import java.util.UUID;

/**
 * A provider's webhook event whose signature was verified, reduced to what payments need. The provider's own
 * format stays in its gateway.
 *
 * @param eventId the provider's id of the event: each is processed once
 * @param type the provider's event type, as sent ({@code payment_intent.succeeded}, ...)
 * @param kind what the event means for a payment
 * @param providerReference the provider's id of the payment it concerns (Stripe's PaymentIntent id)
 * @param paymentId our payment's id, when the provider echoes the metadata we sent with the charge
 */
public record ProviderEvent(String eventId, String type, Kind kind, String providerReference, UUID paymentId,
        String failureCode, String declineCode, String failureMessage) {

    /** What happened, in our words. */
    public enum Kind {
        PAYMENT_SUCCEEDED,
        PAYMENT_FAILED,
        PAYMENT_REQUIRES_ACTION,
        /** Anything we do not act on (yet): acknowledged and recorded, so it is not redelivered. */
        IGNORED
    }
}
