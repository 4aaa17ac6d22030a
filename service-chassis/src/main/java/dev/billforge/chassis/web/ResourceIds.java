package dev.billforge.chassis.web;

import java.util.UUID;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/** Path ids: a malformed id names no record, so it answers 404 exactly like an unknown or foreign one. */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static UUID parse(String raw, ErrorCode notFoundCode, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw notFound(notFoundCode, what, raw);
        }
    }

    public static ApiException notFound(ErrorCode code, String what, Object id) {
        return ApiException.of(code, "No such " + what + ": '" + id + "'");
    }
}
