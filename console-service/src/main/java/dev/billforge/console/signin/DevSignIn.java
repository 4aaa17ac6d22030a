package dev.billforge.console.signin;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;

/**
 * The local stack's development sign-in: a minimal OpenID Connect provider inside the console, so people try the
 * console locally through the same authorization code flow as in production, choosing a tenant and a role instead
 * of a password. The tokens it mints are deploy/local/token.sh's (same key, issuer and claims), so the services
 * accept them. Only the local stack turns it on; everywhere else every path here is a 404, and a console configured
 * with an organisation's identity provider refuses to start with it on.
 */
@Path("/dev-sign-in")
public class DevSignIn {

    static final String ROLE_ADMIN = "billing-admin";
    static final String ROLE_READ = "billing-read";
    private static final String KEY_ID = "billforge-local";
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** An authorization code is used within seconds by the console; an unused one is forgotten after this. */
    private static final long CODE_SECONDS = 120;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Codes handed out and not yet exchanged, at most (each lives two minutes). */
    private static final int MAX_PENDING_CODES = 1000;

    @CheckedTemplate(basePath = "signin")
    static class Templates {
        static native TemplateInstance devSignIn(String clientId, String redirectUri, String state, String nonce,
                List<String> roles);
    }

    /** A code handed to the browser, waiting for the console to exchange it. */
    record Grant(String tenant, String role, String clientId, String redirectUri, String nonce, Instant expires) {
    }

    private final DevSignInConfig config;
    private final ObjectMapper mapper;
    private final String issuer;
    private final String clientId;
    private final Optional<String> clientSecret;
    private final Optional<String> signInServer;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private volatile PrivateKey signingKey;
    private volatile RSAPublicKey publicKey;

    public DevSignIn(DevSignInConfig config, ObjectMapper mapper,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation,
            @ConfigProperty(name = "quarkus.oidc.client-id", defaultValue = "billforge-console") String clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> clientSecret,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> signInServer) {
        this.config = config;
        this.mapper = mapper;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.signInServer = signInServer;
        if (config.enabled()) {
            this.publicKey = PemKeys.publicKey(publicKeyLocation);
        }
    }

    /** Refuses to start with the development sign-in on beside an organisation's identity provider. */
    void checkOnStart(@Observes StartupEvent started) {
        refuseOutsideTheLocalStack(config.enabled(), signInServer);
        if (config.enabled()) {
            signingKey = PemKeys.privateKey(config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "billforge.console.dev-sign-in.private-key-location is required with the development sign-in")));
        }
    }

    /**
     * The development sign-in may only sign people in where it is itself the sign-in server, on this machine: with
     * {@code quarkus.oidc.auth-server-url} at any other provider or host (production), turning it on is a
     * configuration error.
     */
    static void refuseOutsideTheLocalStack(boolean enabled, Optional<String> signInServer) {
        if (enabled && !signInServer.map(URI::create).map(url -> isLoopback(url.getHost())
                && url.getPath().endsWith("/dev-sign-in")).orElse(false)) {
            throw new IllegalStateException("The development sign-in is for the local stack only: this console signs "
                    + "people in through " + signInServer.orElse("no identity provider")
                    + ". Unset BILLFORGE_CONSOLE_DEV_SIGN_IN.");
        }
    }

    @GET
    @Path("/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public String discovery(UriInfo uri) {
        requireEnabled();
        String base = uri.getBaseUriBuilder().path("dev-sign-in").build().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", base + "/authorize");
        metadata.put("token_endpoint", base + "/token");
        metadata.put("jwks_uri", base + "/jwks");
        metadata.put("end_session_endpoint", base + "/sign-out");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return json(metadata);
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        requireEnabled();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return json(Map.of("keys", List.of(Map.of("kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256",
                "n", url.encodeToString(unsigned(publicKey.getModulus().toByteArray())),
                "e", url.encodeToString(unsigned(publicKey.getPublicExponent().toByteArray()))))));
    }

    /** The sign-in page: a tenant and a role, no password (the local stack only). */
    @GET
    @Path("/authorize")
    public Response authorize(@RestQuery("client_id") String client, @RestQuery("redirect_uri") String redirectUri,
            @RestQuery("response_type") String responseType, @RestQuery String state, @RestQuery String nonce) {
        requireEnabled();
        checkClient(client, redirectUri);
        if (!"code".equals(responseType)) {
            return Response.status(400).entity("response_type must be code").type(MediaType.TEXT_PLAIN).build();
        }
        return page(Templates.devSignIn(client, redirectUri, state, nonce, List.of(ROLE_ADMIN, ROLE_READ))).build();
    }

    /** Signs in as the tenant and role chosen: back to the console with a one-time code. */
    @POST
    @Path("/authorize")
    public Response signIn(@RestForm("client_id") String client, @RestForm("redirect_uri") String redirectUri,
            @RestForm String state, @RestForm String nonce, @RestForm String tenant, @RestForm String role) {
        requireEnabled();
        checkClient(client, redirectUri);
        if (tenant == null || !TENANT.matcher(tenant.trim()).matches() || !Set.of(ROLE_ADMIN, ROLE_READ)
                .contains(role)) {
            return page(Templates.devSignIn(client, redirectUri, state, nonce, List.of(ROLE_ADMIN, ROLE_READ)))
                    .status(400).build();
        }
        forgetExpired();
        if (grants.size() >= MAX_PENDING_CODES) {
            return Response.status(503).entity("Too many sign-ins in progress; try again in a minute.")
                    .type(MediaType.TEXT_PLAIN).build();
        }
        String code = randomToken();
        grants.put(code, new Grant(tenant.trim(), role, client, redirectUri, blankToNull(nonce),
                Instant.now().plusSeconds(CODE_SECONDS)));
        String back = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        return Response.seeOther(URI.create(back)).build();
    }

    /** The console exchanges the code for the tokens: token.sh's access token and an ID token for the console. */
    @POST
    @Path("/token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@RestHeader("Authorization") String basic, @RestForm("grant_type") String grantType,
            @RestForm String code, @RestForm("redirect_uri") String redirectUri,
            @RestForm("client_id") String formClient, @RestForm("client_secret") String formSecret) {
        requireEnabled();
        String[] credentials = clientCredentials(basic, formClient, formSecret);
        Grant grant = code == null ? null : grants.remove(code);
        if (!clientId.equals(credentials[0]) || credentials[1] == null || !clientSecret.map(secret -> MessageDigest
                .isEqual(secret.getBytes(StandardCharsets.UTF_8), credentials[1].getBytes(StandardCharsets.UTF_8)))
                .orElse(false)) {
            return oauthError(401, "invalid_client");
        }
        if (!"authorization_code".equals(grantType) || grant == null || grant.expires().isBefore(Instant.now())
                || !grant.clientId().equals(credentials[0]) || !grant.redirectUri().equals(redirectUri)) {
            return oauthError(400, "invalid_grant");
        }
        long lifespan = config.tokenLifespan().toSeconds();
        String subject = "dev-" + grant.role() + "@" + grant.tenant();
        String accessToken = Jwt.issuer(issuer).subject(subject).upn(subject).claim("tenant_id", grant.tenant())
                .groups(Set.of(grant.role())).expiresIn(lifespan).jws().keyId(KEY_ID).sign(signingKey);
        var id = Jwt.issuer(issuer).subject(subject).audience(clientId).claim("tenant_id", grant.tenant())
                .groups(Set.of(grant.role())).claim("name", grant.role() + " of " + grant.tenant()).expiresIn(lifespan);
        if (grant.nonce() != null) {
            id.claim("nonce", grant.nonce());
        }
        return Response.ok(json(Map.of("access_token", accessToken, "id_token", id.jws().keyId(KEY_ID)
                .sign(signingKey), "token_type", "Bearer", "expires_in", lifespan)), MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").build();
    }

    /** Signing out ends the console's session only: back to where the console asks. */
    @GET
    @Path("/sign-out")
    public Response signOut(@RestQuery("post_logout_redirect_uri") String back) {
        requireEnabled();
        if (back == null || !consolePath(back)) {
            return Response.ok("Signed out.", MediaType.TEXT_PLAIN).build();
        }
        return Response.seeOther(URI.create(back)).build();
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
    }

    /** Only the console may ask, and only to come back to one of its own pages (no open redirect). */
    private void checkClient(String client, String redirectUri) {
        if (!clientId.equals(client) || redirectUri == null || !consolePath(redirectUri)) {
            throw new jakarta.ws.rs.BadRequestException("Unknown client or redirect_uri");
        }
    }

    /**
     * A console page on this machine: the development sign-in only ever sends people back to the local stack, so a
     * crafted link cannot send them (and a code) anywhere else.
     */
    private static boolean consolePath(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && isLoopback(uri.getHost())
                    && uri.getPath() != null && uri.getPath().startsWith("/console/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    private static String[] clientCredentials(String basic, String formClient, String formSecret) {
        if (basic != null && basic.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new String[] { null, null };
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                // form-encoded first (RFC 6749 section 2.3.1)
                return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
            }
        }
        return new String[] { formClient, formSecret };
    }

    private static Response.ResponseBuilder page(TemplateInstance page) {
        // Not a /console page: its form returns to the console on another origin, which form-action 'self' forbids.
        return Response.ok(page, MediaType.TEXT_HTML).header("Content-Security-Policy",
                "default-src 'self'; script-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("Cache-Control", "no-store");
    }

    private Response oauthError(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(json(Map.of("error", error))).build();
    }

    /** JSON as OIDC writes it (the console's own mapper would rename nothing here: every key is already snake). */
    private String json(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void forgetExpired() {
        Instant now = Instant.now();
        grants.values().removeIf(grant -> grant.expires().isBefore(now));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
