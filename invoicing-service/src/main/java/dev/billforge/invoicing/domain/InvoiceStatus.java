package dev.billforge.invoicing.domain;

import java.util.Optional;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/**
 * Where an invoice is in its life, as Stripe names it: {@code draft} (editable, no number), {@code open} (finalized,
 * numbered, awaiting payment), {@code paid}, {@code void} (cancelled after finalization) and {@code uncollectible}
 * (written off). Stored and shown in lower case.
 */
public enum InvoiceStatus implements WireName {
    DRAFT, OPEN, PAID, VOID, UNCOLLECTIBLE;

    /** The status named {@code value} exactly (lower case), or empty. */
    public static Optional<InvoiceStatus> fromWire(String value) {
        return WireName.fromWire(InvoiceStatus.class, value);
    }

    /** "draft, open, paid, void, uncollectible", for error messages. */
    public static String allWire() {
        return WireName.allWire(InvoiceStatus.class);
    }

    @Converter
    public static class Column extends WireNameColumn<InvoiceStatus> {
        public Column() {
            super(InvoiceStatus.class);
        }
    }
}
