package dev.billforge.notification.domain;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Delivery state: {@code pending} until a channel accepted it ({@code sent}) or every attempt failed ({@code failed}). */
public enum NotificationStatus {
    PENDING("pending"),
    SENT("sent"),
    FAILED("failed");

    private final String wireName;

    NotificationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Stores the wire name, so the table reads like the API. */
    @Converter
    public static class Column implements AttributeConverter<NotificationStatus, String> {
        @Override
        public String convertToDatabaseColumn(NotificationStatus status) {
            return status == null ? null : status.wireName;
        }

        @Override
        public NotificationStatus convertToEntityAttribute(String column) {
            return column == null ? null : Arrays.stream(values()).filter(s -> s.wireName.equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Unknown notification status in table: " + column));
        }
    }
}
