package dev.billforge.subscription.api;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.validation.CurrencyCodes;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.subscription.domain.BillingInterval;
import dev.billforge.subscription.domain.PlanDetails;

/**
 * {@code POST /v1/plans}. {@code amount} is an integer in the currency's minor unit ({@code 1999} with {@code USD}
 * is $19.99); {@code currency} an ISO 4217 code (any case; stored upper case).
 */
public record CreatePlanRequest(
        @NotBlank @Size(max = 256) String name,
        @Size(max = 1000) String description,
        @NotNull @Min(0) @Max(MAX_AMOUNT) Long amount,
        @NotNull @Pattern(regexp = "^[A-Za-z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
        @NotNull @Pattern(regexp = "^(day|week|month|year)$", message = "must be day, week, month or year") String interval,
        @Min(1) Integer intervalCount,
        @Min(0) @Max(730) Integer trialPeriodDays,
        Boolean active,
        @Metadata Map<String, String> features,
        @Metadata Map<String, String> metadata) {

    /** Stripe's ceiling for one charge in two-decimal currencies ($999,999.99), applied to every currency. */
    static final long MAX_AMOUNT = 99_999_999L;

    PlanDetails toDetails() {
        BillingInterval billingInterval = BillingInterval.fromWire(interval).orElseThrow();
        int count = intervalCount == null ? 1 : intervalCount;
        if (count > billingInterval.maxCount()) {
            throw ApiException.invalidField("interval_count", ErrorCode.OUT_OF_RANGE,
                    "a billing period may be at most one year: at most " + billingInterval.maxCount() + " for "
                            + interval);
        }
        return new PlanDetails(name, description, amount, CurrencyCodes.require("currency", currency),
                billingInterval, count,
                trialPeriodDays == null ? 0 : trialPeriodDays, active == null || active, features, metadata);
    }
}
