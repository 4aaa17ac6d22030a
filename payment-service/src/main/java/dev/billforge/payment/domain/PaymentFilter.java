package dev.billforge.payment.domain;

import java.util.UUID;

/** Which payments a list shows; a null field does not filter. */
public record PaymentFilter(UUID invoiceId, UUID customerId, PaymentStatus status) {
}
