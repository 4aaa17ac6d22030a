package dev.billforge.invoicing.api;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.validation.CountryCode;

/**
 * {@code POST /v1/tax-rates}: {@code percentage} 0 to 100 with up to four decimals (a JSON number, read exactly);
 * {@code region} narrows it to a state or province of {@code country} (the billing address's {@code state});
 * {@code inclusive} when prices already contain the tax.
 */
public record CreateTaxRateRequest(
        @NotBlank @Size(max = 100) String displayName,
        @NotNull @CountryCode String country,
        @Size(min = 1, max = 20) @Pattern(regexp = "^[A-Za-z0-9-]+$", message = "letters, digits and '-' only")
        String region,
        @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal percentage,
        Boolean inclusive) {
}
