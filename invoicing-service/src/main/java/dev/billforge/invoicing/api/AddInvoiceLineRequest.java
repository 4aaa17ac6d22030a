package dev.billforge.invoicing.api;

import static dev.billforge.chassis.persistence.StoredInstants.micros;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.invoicing.domain.InvoiceItem;

/**
 * {@code POST /v1/invoices/{id}/lines}: {@code quantity} units at {@code unit_amount} (the currency's minor unit) each.
 * With {@code period_start} and {@code period_end} the line bills that service period (revenue is recognised over
 * it); without, it is a one-off charge, dated when it was added.
 */
public record AddInvoiceLineRequest(
        @NotBlank @Size(max = 500) String description,
        @Min(1) @Max(1_000_000) Long quantity,
        @NotNull @Min(0) @Max(MAX_UNIT_AMOUNT) Long unitAmount,
        Instant periodStart,
        Instant periodEnd) {

    /** Per unit, in the minor unit: up to 10^12 - 1 (ten billion dollars in cents). */
    static final long MAX_UNIT_AMOUNT = 999_999_999_999L;

    InvoiceItem.LineDetails toLine(Instant now) {
        long units = quantity == null ? 1 : quantity;
        if (periodStart == null && periodEnd == null) {
            return InvoiceItem.LineDetails.oneOff(description, units, unitAmount, micros(now));
        }
        if (periodStart == null || periodEnd == null) {
            throw ApiException.invalidField(periodStart == null ? "period_start" : "period_end", ErrorCode.REQUIRED,
                    "a line's period needs both period_start and period_end");
        }
        if (!periodEnd.isAfter(periodStart)) {
            throw ApiException.invalidField("period_end", ErrorCode.INVALID_VALUE, "must be after period_start");
        }
        return new InvoiceItem.LineDetails(description, units, unitAmount, micros(periodStart), micros(periodEnd),
                false);
    }
}
