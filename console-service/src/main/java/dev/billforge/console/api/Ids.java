package dev.billforge.console.api;

import java.util.UUID;

import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * Ids from GraphQL arguments. Every record's id is a UUID: anything else is answered exactly as the REST API answers
 * an unknown id (404 with the record's code), without calling it.
 */
final class Ids {

    private Ids() {
    }

    static String require(String id, ErrorCode notFound) {
        try {
            return UUID.fromString(id.trim()).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ServiceProblem.of(notFound, "No such record: '" + id + "'.");
        }
    }
}
