package dev.billforge.payment.provider;

import dev.billforge.payment.domain.Refund;

/**
 * A provider's answer to a refund whose outcome is known (an unknown outcome is a failed Uni instead).
 *
 * @param status {@code succeeded}; {@code pending} when the provider settles it later and reports by webhook; or
 *        {@code failed}, nothing given back
 * @param providerReference the provider's id of the refund, null when none was created
 * @param failureCode why it failed ({@code charge_already_refunded}, ...), else null
 */
public record RefundResult(Refund.Status status, String providerReference, String failureCode,
        String failureMessage) {

    public static RefundResult succeeded(String providerReference) {
        return new RefundResult(Refund.Status.SUCCEEDED, providerReference, null, null);
    }

    public static RefundResult failed(String providerReference, String failureCode, String failureMessage) {
        return new RefundResult(Refund.Status.FAILED, providerReference, failureCode, failureMessage);
    }
}
