package dev.billforge.payment.api;

import java.util.UUID;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.payment.domain.PaymentStatus;

/** Parses list filters from query parameters; a malformed value is a 400 naming the parameter. */
final class QueryFilters {

    private QueryFilters() {
    }

    static UUID uuid(String param, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(param, "invalid_value", "must be an id");
        }
    }

    static PaymentStatus status(String param, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return PaymentStatus.fromWireName(raw.trim()).orElseThrow(() -> ApiException.invalidField(param,
                "invalid_value", "must be one of pending, processing, succeeded, failed, canceled"));
    }
}
