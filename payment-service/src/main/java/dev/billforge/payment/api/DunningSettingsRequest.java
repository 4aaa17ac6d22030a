package dev.billforge.payment.api;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /v1/dunning-settings}.
 *
 * @param retryDays days after an invoice's first failed payment on which it is retried, strictly increasing
 * @param whenExhausted what becomes of the subscription when the last retry fails: {@code unpaid} or
 *        {@code canceled}
 */
public record DunningSettingsRequest(
        @NotEmpty @Size(max = 10) List<@NotNull Integer> retryDays,
        @NotNull @Pattern(regexp = "unpaid|canceled", message = "must be unpaid or canceled") String whenExhausted) {
}
