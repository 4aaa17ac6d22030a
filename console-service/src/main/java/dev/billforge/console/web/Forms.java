package dev.billforge.console.web;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import dev.billforge.console.upstream.Ids;
import dev.billforge.errors.ErrorCode;

/** What every console form and its answer share: the fresh idempotency key, blank fields, the redirect after. */
final class Forms {

    private Forms() {
    }

    /** A fresh idempotency key for each rendered form: submitting it twice is one action. */
    static String key() {
        return "console-" + UUID.randomUUID();
    }

    /** A field left empty is a field not given. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A page's {@code after} cursor: none when blank, else a record id ({@code notFound} when it is not one). */
    static String cursor(String after, ErrorCode notFound) {
        String cursor = blankToNull(after);
        return cursor == null ? null : Ids.require(cursor, notFound);
    }

    /** The notice for the action named by {@code ?done=} on the page it redirected to; none for an unknown one. */
    static String notice(Map<String, String> notices, String done) {
        return done == null ? null : notices.get(done);
    }

    /**
     * A 303 to a path of this origin (post, redirect, get: a reload never posts again), left relative: JAX-RS would
     * make it absolute from the Host the request came in with, which behind a proxy can be the console's own address,
     * another origin the page's CSP does not post to.
     */
    static Response seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path).build();
    }
}
