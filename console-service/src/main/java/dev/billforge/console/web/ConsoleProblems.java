package dev.billforge.console.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * How every console page answers what went wrong: a page with the API's message and code and the status it
 * answered, never a trace. (Only the pages are JAX-RS resources: GraphQL answers its errors itself.)
 */
public class ConsoleProblems {

    private final Viewer viewer;

    public ConsoleProblems(Viewer viewer) {
        this.viewer = viewer;
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
     * No token, or one that is invalid or expired: the sign-in page (people sign in through the identity provider;
     * scripts send a token).
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated() {
        return Response.status(401).type(MediaType.TEXT_HTML).entity(ConsolePages.Templates.problem(null, "Sign in",
                "Sign in to see your organisation's billing: send your bearer token (Authorization: Bearer …).",
                ErrorCode.UNAUTHENTICATED.wireName())).build();
    }
}
