package dev.billforge.chassis.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.problem.Problem;

/**
 * Refuses a request whose declared body is larger than {@code billforge.http.max-body-bytes} before the body is
 * read, with a problem+json 413 {@code request_too_large}. Vert.x' own limit ({@code quarkus.http.limits.max-body-size})
 * stays as the hard stop for chunked bodies that do not declare a length.
 */
public class RequestBodyLimit {

    private final long maxBodyBytes;

    public RequestBodyLimit(ChassisConfig config) {
        this.maxBodyBytes = config.http().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            ApiException tooLarge = ApiException.of(ErrorCode.REQUEST_TOO_LARGE,
                    "The request body is larger than " + maxBodyBytes + " bytes.");
            return Problem.of(tooLarge, request.getUriInfo().getPath()).toResponse();
        }
        return null;
    }
}
