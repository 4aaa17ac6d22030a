package dev.billforge.payment.domain;

import java.util.Optional;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/**
 * Where a chargeback stands, in our words whichever provider reports it (each plugin maps its provider's statuses
 * here). The lower-case names are the API's, the {@code payment.dispute_*} events' and the table's. The
 * {@code warning_*} states are inquiries (Stripe's early fraud warnings): no money has moved yet.
 */
public enum DisputeStatus implements WireName {
    WARNING_NEEDS_RESPONSE,
    WARNING_UNDER_REVIEW,
    WARNING_CLOSED,
    /** The merchant should answer with evidence. */
    NEEDS_RESPONSE,
    /** Evidence is in (or the buyer is to answer); the bank or provider decides. */
    UNDER_REVIEW,
    WON,
    LOST,
    /**
     * Stopped before it became a chargeback (Visa RDR and the like, through Stripe's dispute prevention): no
     * chargeback fee, but the money went back to the cardholder as a refund, which is reported as one.
     */
    PREVENTED;

    /** A closed dispute stays closed: an update arriving after the closing one cannot reopen it. */
    public boolean isClosed() {
        return this == WON || this == LOST || this == WARNING_CLOSED || this == PREVENTED;
    }

    public static Optional<DisputeStatus> fromWire(String value) {
        return WireName.fromWire(DisputeStatus.class, value);
    }

    @Converter
    public static class Column extends WireNameColumn<DisputeStatus> {
        public Column() {
            super(DisputeStatus.class);
        }
    }
}
