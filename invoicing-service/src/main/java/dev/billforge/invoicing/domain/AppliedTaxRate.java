package dev.billforge.invoicing.domain;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The tax rate an invoice was drafted with, copied onto it: a later rate for the same place does not change an
 * invoice already drafted. Null on an invoice whose customer has no rate.
 */
@Embeddable
public class AppliedTaxRate {

    @Column(name = "tax_rate_id", updatable = false)
    private UUID rateId;
    @Column(name = "tax_display_name", updatable = false)
    private String displayName;
    @Column(name = "tax_country", updatable = false)
    private String country;
    @Column(name = "tax_region", updatable = false)
    private String region;
    @Column(name = "tax_percentage", updatable = false, precision = 7, scale = 4)
    private BigDecimal percentage;
    @Column(name = "tax_inclusive", updatable = false)
    private Boolean inclusive;

    protected AppliedTaxRate() {
        // for Hibernate
    }

    public static AppliedTaxRate of(TaxRate rate) {
        AppliedTaxRate applied = new AppliedTaxRate();
        applied.rateId = rate.id();
        applied.displayName = rate.displayName();
        applied.country = rate.country();
        applied.region = rate.region();
        applied.percentage = rate.percentage();
        applied.inclusive = rate.inclusive();
        return applied;
    }

    /** The tax on a subtotal: added to it (exclusive) or inside it (inclusive). */
    public long taxOn(long subtotal) {
        return inclusive ? TaxCalculation.includedIn(subtotal, percentage)
                : TaxCalculation.addedTo(subtotal, percentage);
    }

    public UUID rateId() {
        return rateId;
    }

    public String displayName() {
        return displayName;
    }

    public String country() {
        return country;
    }

    public String region() {
        return region;
    }

    public BigDecimal percentage() {
        return percentage;
    }

    public boolean inclusive() {
        return Boolean.TRUE.equals(inclusive);
    }
}
