package dev.billforge.chassis.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.problem.Problem;
import dev.billforge.chassis.tenancy.TenantContext;

/**
 * Applies the per-tenant quotas to every REST request of every service: {@code writes} (POST, PUT, PATCH, DELETE)
 * and {@code reads} (the rest) per tenant of the bearer token, {@code provider-webhooks} per tenant of the URL for
 * {@link ProviderWebhookEndpoint}s. A request over its quota is 429 {@code rate_limited} with {@code Retry-After};
 * every counted answer carries {@code RateLimit-Policy} and {@code RateLimit}. Requests without a tenant (no or a bad
 * token, the platform operator) are not counted: they are refused or rare.
 */
public class RateLimitFilter {
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final RateLimiter limiter;
    private final RateLimitConfig config;
    private final CurrentIdentityAssociation identity;

    public RateLimitFilter(RateLimiter limiter, RateLimitConfig config, CurrentIdentityAssociation identity) {
        this.limiter = limiter;
        this.config = config;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request, ResourceInfo resource, UriInfo uri) {
        if (!config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type != null && type.isAnnotationPresent(ProviderWebhookEndpoint.class)) {
            return count(request, "provider-webhooks", uri.getPathParameters().getFirst("tenant"),
                    config.providerWebhooks(), uri);
        }
        boolean write = switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> false;
            default -> true;
        };
        return identity.getDeferredIdentity()
                .map(RateLimitFilter::tenantOf)
                .onFailure().recoverWithNull() // a bad token: the endpoint answers 401
                .chain(tenant -> count(request, write ? "writes" : "reads", tenant,
                        write ? config.writes() : config.reads(), uri));
    }

    private Uni<Response> count(ContainerRequestContext request, String policy, String tenant, int quota,
            UriInfo uri) {
        if (!TenantContext.isTenantId(tenant)) {
            return Uni.createFrom().nullItem();
        }
        return limiter.take(policy, tenant, quota).map(decision -> {
            request.setProperty(DECISION, decision);
            return decision.allowed() ? null : refused(decision, uri);
        });
    }

    /** Adds the quota headers to every counted answer, refusals included. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimitDecision decision) {
            response.getHeaders().putSingle("RateLimit-Policy", decision.policyHeader());
            response.getHeaders().putSingle("RateLimit", decision.limitHeader());
        }
    }

    private static Response refused(RateLimitDecision decision, UriInfo uri) {
        ApiException problem = new ApiException(ErrorCode.RATE_LIMITED, "This tenant made more than "
                + decision.quota() + " " + decision.policy() + " requests in " + decision.windowSeconds()
                + " s; retry after " + decision.resetSeconds() + " s.", null);
        return Response.fromResponse(Problem.of(problem, uri.getPath()).toResponse())
                .header("Retry-After", Long.toString(decision.resetSeconds()))
                .build();
    }

    private static String tenantOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object claim = token.getClaim(TenantContext.TENANT_CLAIM);
        return claim == null ? null : claim.toString();
    }
}
