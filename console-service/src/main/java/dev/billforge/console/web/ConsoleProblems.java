package dev.billforge.console.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * How every console page answers what went wrong: a page with the API's message and code and the status it
 * answered, never a trace. (Only the pages are JAX-RS resources: GraphQL answers its errors itself.)
 */
public class ConsoleProblems {

    private final Viewer viewer;
    private final boolean signInEnabled;

    public ConsoleProblems(Viewer viewer,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean signInEnabled) {
        this.viewer = viewer;
        this.signInEnabled = signInEnabled;
    }

    /** What a service refused, on a page: its message and code, with the HTTP status it answered. */
    @ServerExceptionMapper
    public Response refused(ServiceProblem problem) {
        String title = switch (problem.status()) {
            case 404 -> "Not found";
            case 403 -> "Not allowed";
            case 409 -> "That did not work";
            default -> problem.status() >= 500 ? "Something is not answering" : "That did not work";
        };
        String message = problem.status() == 404 ? "There is nothing at this address for your organisation."
                : problem.getMessage();
        return Response.status(problem.status()).type(MediaType.TEXT_HTML)
                .entity(ConsolePages.Templates.problem(viewer, title, message, problem.code())).build();
    }

    /**
     * No token, or one that is invalid or expired. A person (no Authorization header) on a console with sign-in is
     * sent to the identity provider, as quarkus-oidc's challenge says; anyone else gets the sign-in page.
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Uni<Response> unauthenticated(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (!signInEnabled || context.request().getHeader("Authorization") != null || authenticator == null) {
            return Uni.createFrom().item(signInPage());
        }
        return authenticator.getChallenge(context).map(challenge -> {
            if (challenge == null || challenge.status == 401) {
                return signInPage();
            }
            Response.ResponseBuilder redirect = Response.status(challenge.status);
            challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
            return redirect.build();
        });
    }

    private Response signInPage() {
        return Response.status(401).type(MediaType.TEXT_HTML).entity(ConsolePages.Templates.problem(null, "Sign in",
                "Sign in to see your organisation's billing: send your bearer token (Authorization: Bearer …).",
                ErrorCode.UNAUTHENTICATED.wireName())).build();
    }
}
