package dev.billforge.chassis.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/** List filters from query parameters: absent is null, malformed is a 400 {@code invalid_value} naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An id filter such as {@code customer_id}. */
    public static UUID id(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(parameter, ErrorCode.INVALID_VALUE, "must be an id");
        }
    }

    /** A parameter the route cannot do without: absent or blank is a 400 {@code required} naming it. */
    public static String required(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(parameter, ErrorCode.REQUIRED, "is required");
        }
        return raw.trim();
    }

    /** A calendar month, {@code yyyy-MM} (e.g. {@code 2026-01}), of the years 1970 to 9999. */
    public static YearMonth month(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(parameter, ErrorCode.INVALID_FORMAT, "must be a month, yyyy-MM");
        }
        // YearMonth takes years to +999999999; dates that far out overflow date arithmetic and the database.
        if (month.getYear() < 1970 || month.getYear() > 9999) {
            throw ApiException.invalidField(parameter, ErrorCode.OUT_OF_RANGE, "must be a month of 1970 to 9999");
        }
        return month;
    }

    /** One of a fixed set of API names, e.g. a status; {@code allowed} lists them for the error message. */
    public static <T> T oneOf(String parameter, String raw, Function<String, Optional<T>> parse, String allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return parse.apply(raw.trim()).orElseThrow(
                () -> ApiException.invalidField(parameter, ErrorCode.INVALID_VALUE, "must be one of " + allowed));
    }

    /** {@code true} or {@code false}. */
    public static Boolean bool(String parameter, String raw) {
        return oneOf(parameter, raw, value -> switch (value) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        }, "true, false");
    }
}
