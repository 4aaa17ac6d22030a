package dev.billforge.payment.provider;

/** A provider's answer to a charge whose outcome is known (an unknown outcome is a failed Uni instead). */
public sealed interface ChargeResult {

    /** The provider captured the amount; {@code providerReference} is its id of the charge. */
    record Succeeded(String providerReference) implements ChargeResult {
    }

    /**
     * The provider refused the charge, or it could not be made; nothing was captured.
     *
     * @param providerReference the provider's id of the failed charge, null when none was created
     * @param failureCode a stable machine code such as {@code card_declined} or {@code expired_card}
     * @param declineCode the issuer's reason when the card was declined ({@code insufficient_funds},
     *        {@code lost_card}, ...), else null
     * @param failureMessage a sentence for the customer
     */
    record Declined(String providerReference, String failureCode, String declineCode, String failureMessage)
            implements ChargeResult {
    }

    /**
     * The issuer wants the customer to authenticate (3-D Secure) before it pays: nothing is captured until the
     * customer does, and the provider then reports the outcome by webhook.
     */
    record RequiresAction(String providerReference, String failureCode, String failureMessage)
            implements ChargeResult {
    }

    /**
     * The provider accepted the charge but settles it later (a bank debit, a PayPal capture under review): the payment
     * stays {@code processing} with the provider's reference, is not asked for again, and the provider's webhook says
     * how it ended.
     */
    record Pending(String providerReference) implements ChargeResult {
    }

    public static ChargeResult succeeded(String providerReference) {
        return new Succeeded(providerReference);
    }

    public static ChargeResult declined(String providerReference, String failureCode, String failureMessage) {
        return new Declined(providerReference, failureCode, null, failureMessage);
    }
}
