package dev.billforge.invoicing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Where an invoice is in its life, as Stripe names it: {@code draft} (editable, no number), {@code open} (finalized,
 * numbered, awaiting payment), {@code paid}, {@code void} (cancelled after finalization) and {@code uncollectible}
 * (written off). Stored and shown in lower case.
 */
public enum InvoiceStatus {
    DRAFT, OPEN, PAID, VOID, UNCOLLECTIBLE;

    /** The lower-case name used in the API, the events and the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code value} exactly (lower case), or empty. */
    public static Optional<InvoiceStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wire().equals(value)).findFirst();
    }

    /** "draft, open, paid, void, uncollectible", for error messages. */
    public static String allWire() {
        return Arrays.stream(values()).map(InvoiceStatus::wire).collect(Collectors.joining(", "));
    }

    /** Keeps the column readable ({@code open}, not {@code OPEN} or an ordinal). */
    @Converter
    public static class Column implements AttributeConverter<InvoiceStatus, String> {

        @Override
        public String convertToDatabaseColumn(InvoiceStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public InvoiceStatus convertToEntityAttribute(String column) {
            return column == null ? null
                    : fromWire(column).orElseThrow(() -> new IllegalStateException("Unknown invoice status " + column));
        }
    }
}
