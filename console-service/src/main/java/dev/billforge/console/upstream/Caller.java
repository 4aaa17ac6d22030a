package dev.billforge.console.upstream;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import dev.billforge.errors.ErrorCode;

/**
 * Who is asking, as the services will see it: the bearer token of the current request, forwarded unchanged so that
 * tenancy, roles, rate limits and idempotency are decided where they always are; and how many calls the request has
 * made, so that no single request (a query nesting lists under lists) can send more than its budget.
 */
@RequestScoped
public class Caller {

    private final String authorization;
    private final AtomicInteger calls = new AtomicInteger();

    public Caller(CurrentVertxRequest request) {
        String header = request.getCurrent() == null ? null
                : request.getCurrent().request().getHeader("Authorization");
        this.authorization = header == null || header.isBlank() ? null : header;
    }

    /** The {@code Authorization} header to forward; a caller without one is refused before any call. */
    public String authorization() {
        if (authorization == null) {
            throw ServiceProblem.of(ErrorCode.UNAUTHENTICATED, "Send a bearer token: Authorization: Bearer <token>.");
        }
        return authorization;
    }

    /** Counts one more call of this request; past {@code budget} the call is refused (batches run concurrently). */
    void charge(int budget) {
        if (calls.incrementAndGet() > budget) {
            throw ServiceProblem.of(ErrorCode.QUERY_TOO_COMPLEX, "The request needs more than " + budget
                    + " calls to the billing services: ask for fewer lists nested under lists, or page them.");
        }
    }
}
