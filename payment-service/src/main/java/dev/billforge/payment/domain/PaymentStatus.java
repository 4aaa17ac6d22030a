package dev.billforge.payment.domain;

import java.util.Optional;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/** Where a payment attempt stands; the lower-case names are the API's, the event contract's and the table's. */
public enum PaymentStatus implements WireName {
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

    public static Optional<PaymentStatus> fromWire(String value) {
        return WireName.fromWire(PaymentStatus.class, value);
    }

    @Converter
    public static class Column extends WireNameColumn<PaymentStatus> {
        public Column() {
            super(PaymentStatus.class);
        }
    }
}
