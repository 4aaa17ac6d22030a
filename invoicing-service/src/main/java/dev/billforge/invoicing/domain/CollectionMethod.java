package dev.billforge.invoicing.domain;

import java.util.Optional;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/**
 * How an invoice is collected, as Stripe names it: {@code charge_automatically} (payment-service charges the
 * customer's default payment method when it is finalized, and dunning retries a failure) or {@code send_invoice} (the
 * customer is sent the invoice and pays by its due date, e.g. through {@code POST /v1/invoices/{id}/pay}).
 */
public enum CollectionMethod implements WireName {
    CHARGE_AUTOMATICALLY, SEND_INVOICE;

    public static Optional<CollectionMethod> fromWire(String value) {
        return WireName.fromWire(CollectionMethod.class, value);
    }

    public static String allWire() {
        return WireName.allWire(CollectionMethod.class);
    }

    @Converter
    public static class Column extends WireNameColumn<CollectionMethod> {
        public Column() {
            super(CollectionMethod.class);
        }
    }
}
