package dev.billforge.notification.domain;

import java.util.Arrays;
import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** What a notification tells the customer; the wire name is what the API and the table show. */
public enum NotificationType {
    INVOICE_FINALIZED("invoice_finalized"),
    PAYMENT_RECEIPT("payment_receipt"),
    PAYMENT_FAILED("payment_failed"),
    PAYMENT_ACTION_REQUIRED("payment_action_required"),
    TRIAL_ENDING("trial_ending"),
    REFUND_ISSUED("refund_issued"),
    SUBSCRIPTION_CANCELED("subscription_canceled");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NotificationType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    /** Stores the wire name, so the table reads like the API. */
    @Converter
    public static class Column implements AttributeConverter<NotificationType, String> {
        @Override
        public String convertToDatabaseColumn(NotificationType type) {
            return type == null ? null : type.wireName;
        }

        @Override
        public NotificationType convertToEntityAttribute(String column) {
            return column == null ? null : fromWireName(column)
                    .orElseThrow(() -> new IllegalStateException("Unknown notification type in table: " + column));
        }
    }
}
