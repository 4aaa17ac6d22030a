package dev.billforge.payment.gateway;

/** A provider's answer to a charge. */
public sealed interface ChargeResult {

    /** The provider captured the amount; {@code providerReference} is its id of the charge. */
    record Succeeded(String providerReference) implements ChargeResult {
    }

    /**
     * The provider refused the charge.
     *
     * @param providerReference the provider's id of the failed charge, null when none was created
     * @param failureCode a stable machine code such as {@code card_declined} or {@code insufficient_funds}
     * @param failureMessage a sentence for the customer
     */
    record Declined(String providerReference, String failureCode, String failureMessage) implements ChargeResult {
    }

    static ChargeResult succeeded(String providerReference) {
        return new Succeeded(providerReference);
    }

    static ChargeResult declined(String providerReference, String failureCode, String failureMessage) {
        return new Declined(providerReference, failureCode, failureMessage);
    }
}
