package dev.billforge.payment.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * {@code POST /v1/payments/{id}/refunds}.
 *
 * @param amount in the payment's currency's minor unit; omitted: everything not refunded yet
 * @param reason {@code requested_by_customer}, {@code duplicate} or {@code fraudulent}; optional
 */
public record CreateRefundRequest(
        @Positive Long amount,
        @Pattern(regexp = "requested_by_customer|duplicate|fraudulent",
                message = "must be one of requested_by_customer, duplicate, fraudulent") String reason) {
}
