package dev.billforge.invoicing.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.billforge.invoicing.domain.TaxRate;

/** A tax rate as the API shows it; {@code percentage} as a plain decimal number ({@code 19}, {@code 8.875}). */
public record TaxRateResponse(UUID id, String object, String displayName, String country, String region,
        BigDecimal percentage, boolean inclusive, Instant createdAt) {

    public static final String OBJECT = "tax_rate";

    static TaxRateResponse from(TaxRate rate) {
        return new TaxRateResponse(rate.id(), OBJECT, rate.displayName(), rate.country(), rate.region(),
                plain(rate.percentage()), rate.inclusive(), rate.createdAt());
    }

    /** 19.0000 as 19, without an exponent (stripTrailingZeros alone would give 1.9E+1). */
    static BigDecimal plain(BigDecimal percentage) {
        return new BigDecimal(percentage.stripTrailingZeros().toPlainString());
    }
}
