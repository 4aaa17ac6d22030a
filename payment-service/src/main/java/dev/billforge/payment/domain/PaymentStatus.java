package dev.billforge.payment.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a payment attempt stands; the lower-case names are the API's and the event contract's. */
public enum PaymentStatus {
    PENDING,
    /** The provider has been (or is about to be) asked; its answer is not recorded yet. */
    PROCESSING,
    /**
     * The issuer asked for the customer's authentication (3-D Secure); nothing is captured unless the customer
     * completes it, which the provider reports by webhook.
     */
    REQUIRES_ACTION,
    SUCCEEDED,
    FAILED,
    CANCELED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PaymentStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(name)).findFirst();
    }
}
