package dev.billforge.notification.domain;

import java.util.Optional;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/** What a notification tells the customer; the wire name is what the API and the table show. */
public enum NotificationType implements WireName {
    INVOICE_FINALIZED,
    PAYMENT_RECEIPT,
    PAYMENT_FAILED,
    PAYMENT_ACTION_REQUIRED,
    TRIAL_ENDING,
    REFUND_ISSUED,
    SUBSCRIPTION_CANCELED;

    public static Optional<NotificationType> fromWire(String value) {
        return WireName.fromWire(NotificationType.class, value);
    }

    @Converter
    public static class Column extends WireNameColumn<NotificationType> {
        public Column() {
            super(NotificationType.class);
        }
    }
}
