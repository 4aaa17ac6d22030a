package dev.billforge.invoicing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;

/**
 * A tenant's tax rate for a country, or one region of it (a US state, a Canadian province: the billing address's
 * state). {@code percentage} is exact (up to four decimals, never a floating-point number). An {@code inclusive} rate
 * is already inside the prices (VAT-style); an exclusive one is added on top. Never edited: a newer rate for the same
 * place is used for invoices drafted after it.
 */
@Entity
@Table(name = "tax_rate")
public class TaxRate implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "display_name", nullable = false, updatable = false)
    private String displayName;
    @Column(nullable = false, updatable = false)
    private String country;
    @Column(updatable = false)
    private String region;
    @Column(nullable = false, updatable = false, precision = 7, scale = 4)
    private BigDecimal percentage;
    @Column(nullable = false, updatable = false)
    private boolean inclusive;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected TaxRate() {
        // for Hibernate
    }

    public static TaxRate of(UUID id, String tenantId, String displayName, String country, String region,
            BigDecimal percentage, boolean inclusive, Instant now) {
        BigDecimal exact = percentage.stripTrailingZeros(); // 19.00000 is 19: four decimals at most, once trimmed
        if (exact.signum() < 0 || exact.compareTo(BigDecimal.valueOf(100)) > 0 || exact.scale() > 4) {
            throw new IllegalArgumentException("A tax rate is 0 to 100 percent with at most four decimals");
        }
        TaxRate rate = new TaxRate();
        rate.id = Objects.requireNonNull(id);
        rate.tenantId = Objects.requireNonNull(tenantId);
        rate.displayName = Objects.requireNonNull(displayName);
        rate.country = Objects.requireNonNull(country);
        rate.region = region;
        rate.percentage = exact.setScale(4);
        rate.inclusive = inclusive;
        rate.createdAt = now;
        return rate;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
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
        return inclusive;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
