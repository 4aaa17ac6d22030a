package dev.billforge.invoicing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Why the latest payment attempt on an invoice failed, as the payment provider reported it.
 *
 * @param code stable machine code such as {@code card_declined}
 * @param message the provider's human-readable explanation, may be null
 */
@Embeddable
public record PaymentError(
        @Column(name = "last_payment_error_code") String code,
        @Column(name = "last_payment_error_message") String message) {
}
