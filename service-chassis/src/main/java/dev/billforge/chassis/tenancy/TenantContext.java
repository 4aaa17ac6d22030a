package dev.billforge.chassis.tenancy;

import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/**
 * The tenant of the current request, from the verified JWT's {@code tenant_id} claim. Every store query takes
 * this value, so one tenant can never read or change another's rows: a foreign id simply is not found.
 */
@RequestScoped
public class TenantContext {

    public static final String TENANT_CLAIM = "tenant_id";
    /** Tenant ids are opaque to us but must be safe to log, key and put in a URL. */
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JsonWebToken token;

    public TenantContext(JsonWebToken token) {
        this.token = token;
    }

    /** Whether {@code candidate} can be a tenant id: from a token, a URL or a message key alike. */
    public static boolean isTenantId(String candidate) {
        return candidate != null && TENANT_ID.matcher(candidate).matches();
    }

    public String tenantId() {
        Object claim = token.getClaim(TENANT_CLAIM);
        String tenant = claim == null ? null : claim.toString();
        if (!isTenantId(tenant)) {
            throw ApiException.of(ErrorCode.TENANT_MISSING,
                    "The token has no valid '" + TENANT_CLAIM + "' claim.");
        }
        return tenant;
    }
}
