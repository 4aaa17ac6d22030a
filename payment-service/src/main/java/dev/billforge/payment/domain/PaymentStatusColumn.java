package dev.billforge.payment.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a payment status by its wire name, so the column reads like the API and the events. */
@Converter
public class PaymentStatusColumn implements AttributeConverter<PaymentStatus, String> {

    @Override
    public String convertToDatabaseColumn(PaymentStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public PaymentStatus convertToEntityAttribute(String column) {
        return column == null ? null : PaymentStatus.fromWireName(column)
                .orElseThrow(() -> new IllegalStateException("Unknown payment status in the database: " + column));
    }
}
