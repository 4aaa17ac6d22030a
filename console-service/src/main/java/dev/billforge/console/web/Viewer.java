package dev.billforge.console.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

import dev.billforge.console.upstream.Caller;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * The person looking at a console page: their tenant and whether they may act (billing-admin) or only read. The
 * services decide again on every call; this only decides which buttons a page shows. Also the page's CSRF token: an
 * HMAC of the caller's credential, so a form can only be posted by a page rendered for that same credential.
 */
@RequestScoped
public class Viewer {

    static final String ADMIN = "billing-admin";

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final Caller caller;
    private final CsrfKey key;
    private String csrfToken;

    /**
     * @param token the bearer token, or a signed-in person's ID token (the identity provider puts {@code tenant_id}
     *        in both)
     */
    public Viewer(JsonWebToken token, SecurityIdentity identity, Caller caller, CsrfKey key) {
        this.token = token;
        this.identity = identity;
        this.caller = caller;
        this.key = key;
    }

    public String tenant() {
        Object tenant = token.getClaim("tenant_id");
        return tenant == null ? "" : tenant.toString();
    }

    public String name() {
        return token.getName() == null ? "" : token.getName();
    }

    /** Whether the page shows its actions: billing-read sees none (roles are the access token's groups). */
    public boolean canAct() {
        return identity.hasRole(ADMIN);
    }

    /** Refuses (403) a page that only leads to an action, for a role that may not take it. */
    public void requireCanAct(String refusal) {
        if (!canAct()) {
            throw ServiceProblem.of(ErrorCode.FORBIDDEN, refusal);
        }
    }

    /** Signed in through the identity provider (a session to end), rather than sending a token each time. */
    public boolean signedIn() {
        return identity.getCredential(IdTokenCredential.class) != null;
    }

    /** The token every form of the page carries as {@code csrf_token}: made once per request, however many forms. */
    public String csrfToken() {
        if (csrfToken == null) {
            csrfToken = sign(caller.authorization());
        }
        return csrfToken;
    }

    private String sign(String authorization) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] credential = MessageDigest.getInstance("SHA-256")
                    .digest(authorization.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(credential));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a form post whose CSRF token is missing or was not made for this caller. */
    public void requireCsrf(String posted) {
        if (posted == null || !MessageDigest.isEqual(posted.getBytes(StandardCharsets.US_ASCII),
                csrfToken().getBytes(StandardCharsets.US_ASCII))) {
            throw ServiceProblem.of(ErrorCode.FORBIDDEN, "The form is missing its security token or it has expired:"
                    + " open the page again and resubmit.");
        }
    }
}
