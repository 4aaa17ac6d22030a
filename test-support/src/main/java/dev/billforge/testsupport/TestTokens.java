package dev.billforge.testsupport;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens as an identity provider would issue them, signed with the test-only key. */
public final class TestTokens {

    public static final String ISSUER = "https://auth.billforge.local";
    public static final String ADMIN = "billing-admin";
    public static final String READ = "billing-read";
    public static final String OPERATOR = "billing-operator";

    private TestTokens() {
    }

    public static String admin(String tenant) {
        return token(tenant, ADMIN);
    }

    /** The platform operator's token: no tenant, the {@code billing-operator} group (moves test clocks). */
    public static String operator() {
        return withoutTenant(OPERATOR);
    }

    public static String reader(String tenant) {
        return token(tenant, READ);
    }

    public static String token(String tenant, String... roles) {
        return Jwt.issuer(ISSUER).subject("test-user").claim("tenant_id", tenant).groups(Set.of(roles))
                .expiresIn(3600).sign();
    }

    /** A well-signed token with roles but no tenant claim. */
    public static String withoutTenant(String... roles) {
        return Jwt.issuer(ISSUER).subject("test-user").groups(Set.of(roles)).expiresIn(3600).sign();
    }

    /** A token signed by a key the services do not trust. */
    public static String forged(String tenant, String... roles) {
        return Jwt.issuer(ISSUER).subject("test-user").claim("tenant_id", tenant).groups(Set.of(roles))
                .expiresIn(3600).sign("billforge-test-jwt/forger-private.pem");
    }

    /** A token that expired an hour ago. */
    public static String expired(String tenant, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).subject("test-user").claim("tenant_id", tenant).groups(Set.of(roles))
                .issuedAt(now - 7200).expiresAt(now - 3600).sign();
    }
}
