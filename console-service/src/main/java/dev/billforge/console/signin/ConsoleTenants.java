package dev.billforge.console.signin;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Which of the console's two ways in a request takes. A request with an {@code Authorization} header (scripts,
 * tests, GraphQL clients) is checked as a bearer token, locally, with the same RS256 key and issuer as the services
 * check it. A console page without one belongs to a person: it goes to the sign-in tenant, the static
 * {@code quarkus.oidc.*} configuration (authorization code flow against the organisation's identity provider, or the
 * local stack's {@link DevSignIn}), which keeps the tokens in an HttpOnly session cookie. Anything else without a
 * header is simply unauthenticated.
 */
@ApplicationScoped
public class ConsoleTenants implements TenantConfigResolver {

    static final String BEARER = "bearer";

    private final OidcTenantConfig bearer;
    private final boolean signInEnabled;

    public ConsoleTenants(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean signInEnabled) {
        this.bearer = OidcTenantConfig.builder().tenantId(BEARER).applicationType(ApplicationType.SERVICE)
                .publicKey(PemKeys.body(publicKeyLocation))
                .token().issuer(issuer).end()
                .roles().roleClaimPath("groups").end()
                .build();
        this.signInEnabled = signInEnabled;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        boolean person = signInEnabled && context.request().getHeader("Authorization") == null
                && context.normalizedPath().startsWith("/console");
        // null: the static (sign-in) tenant
        return Uni.createFrom().item(person ? null : bearer);
    }
}
