package dev.billforge.notification.domain;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/** Where one event's delivery to one endpoint stands; the lower-case names are the API's and the table's. */
public enum WebhookDeliveryStatus implements WireName {
    /** Not answered 2xx yet; retried with back-off. */
    PENDING,
    DELIVERED,
    /** The retry window passed without a 2xx (or the endpoint was deleted); a tenant may replay it. */
    FAILED;

    @Converter
    public static class Column extends WireNameColumn<WebhookDeliveryStatus> {
        public Column() {
            super(WebhookDeliveryStatus.class);
        }
    }
}
