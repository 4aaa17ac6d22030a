package dev.billforge.chassis.web;

import java.util.UUID;

import dev.billforge.chassis.problem.ApiException;

/** Path ids: a malformed id names no record, so it answers 404 exactly like an unknown or foreign one. */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static UUID parse(String raw, String notFoundCode, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw notFound(notFoundCode, what, raw);
        }
    }

    public static ApiException notFound(String code, String what, Object id) {
        return ApiException.notFound(code, "No such " + what + ": '" + id + "'");
    }
}
