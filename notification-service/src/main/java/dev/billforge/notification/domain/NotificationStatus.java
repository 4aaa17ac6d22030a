package dev.billforge.notification.domain;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/** Delivery state: {@code pending} until a channel accepted it ({@code sent}) or every attempt failed ({@code failed}). */
public enum NotificationStatus implements WireName {
    PENDING, SENT, FAILED;

    @Converter
    public static class Column extends WireNameColumn<NotificationStatus> {
        public Column() {
            super(NotificationStatus.class);
        }
    }
}
