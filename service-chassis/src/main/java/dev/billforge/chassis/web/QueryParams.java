package dev.billforge.chassis.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/** List filters from query parameters: absent is null, malformed is a 400 {@code invalid_value} naming the parameter. */
public final class QueryParams {

    /** The most ids one list filter takes: a page's worth. */
    public static final int MAX_IDS = 100;

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

    /**
     * A filter by several ids, the parameter repeated ({@code ?id=a&id=b}): how a client reads a batch of records in
     * one request instead of one request each. Null when absent; more than {@link #MAX_IDS} is a 400
     * {@code out_of_range}, a value that is not an id a 400 {@code invalid_value}.
     */
    public static List<UUID> ids(String parameter, List<String> raw) {
        if (raw == null || raw.stream().allMatch(value -> value == null || value.isBlank())) {
            return null;
        }
        if (raw.size() > MAX_IDS) {
            throw ApiException.invalidField(parameter, ErrorCode.OUT_OF_RANGE, "takes at most " + MAX_IDS + " ids");
        }
        return raw.stream().filter(value -> value != null && !value.isBlank()).map(value -> id(parameter, value))
                .distinct().toList();
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
