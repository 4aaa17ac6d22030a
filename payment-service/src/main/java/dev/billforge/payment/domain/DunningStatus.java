package dev.billforge.payment.domain;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/** Where the retries of one unpaid invoice stand; the lower-case names are the table's. */
public enum DunningStatus implements WireName {
    /** Retries are planned. */
    ACTIVE,
    /** A payment was captured. */
    RECOVERED,
    /** The last retry failed; the schedule's {@code when_exhausted} action was taken. */
    EXHAUSTED,
    /** The invoice was voided: nothing is owed any more. */
    VOIDED,
    /** The tenant wrote the invoice off (marked it uncollectible): no more retries, though it can still be paid. */
    WRITTEN_OFF;

    @Converter
    public static class Column extends WireNameColumn<DunningStatus> {
        public Column() {
            super(DunningStatus.class);
        }
    }
}
