package dev.billforge.console.upstream;

import java.util.UUID;

import dev.billforge.errors.ErrorCode;

/**
 * Ids from GraphQL arguments and console addresses. Every record's id is a UUID: anything else is answered exactly as the REST API answers
 * an unknown id (404 with the record's code), without calling it.
 */
public final class Ids {

    private Ids() {
    }

    public static String require(String id, ErrorCode notFound) {
        try {
            return UUID.fromString(id.trim()).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ServiceProblem.of(notFound, "No such record: '" + id + "'.");
        }
    }
}
