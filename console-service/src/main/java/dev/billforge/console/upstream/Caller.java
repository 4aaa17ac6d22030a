package dev.billforge.console.upstream;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import dev.billforge.errors.ErrorCode;

/**
 * Who is asking, as the services will see it: the bearer token of the current request, forwarded unchanged so that
 * tenancy, roles, rate limits and idempotency are decided where they always are. Read once per request.
 */
@RequestScoped
public class Caller {

    private final String authorization;

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
}
