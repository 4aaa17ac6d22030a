package dev.billforge.payment.domain;

import java.util.Map;
import java.util.UUID;

/** A payment method as a client asks to attach it; shape already validated by the API. */
public record NewPaymentMethod(UUID customerId, String provider, String token, Map<String, String> metadata) {
}
