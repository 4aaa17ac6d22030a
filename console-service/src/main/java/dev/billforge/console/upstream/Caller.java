package dev.billforge.console.upstream;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import dev.billforge.errors.ErrorCode;

/**
 * Who is asking, as the services will see it: the bearer token of the current request (sent by a script, or held in
 * a signed-in person's session), forwarded unchanged so that tenancy, roles, rate limits and idempotency are decided
 * where they always are; and how many calls the request has made, so that no single request (a query nesting lists
 * under lists) can send more than its budget.
 */
@RequestScoped
public class Caller {

    private final String authorization;
    private final AtomicInteger calls = new AtomicInteger();

    public Caller(CurrentVertxRequest request, SecurityIdentity identity) {
        String header = request.getCurrent() == null ? null
                : request.getCurrent().request().getHeader("Authorization");
        this.authorization = header == null || header.isBlank() ? signedIn(identity) : header;
    }

    /** A person signed in through the identity provider: the access token their session cookie holds. */
    private static String signedIn(SecurityIdentity identity) {
        AccessTokenCredential token = identity == null || identity.isAnonymous() ? null
                : identity.getCredential(AccessTokenCredential.class);
        return token == null ? null : "Bearer " + token.getToken();
    }

    /** The {@code Authorization} to forward; a caller without one is refused before any call. */
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
