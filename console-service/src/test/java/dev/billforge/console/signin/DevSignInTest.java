package dev.billforge.console.signin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The development sign-in is the local stack's alone: off by default (every path of it is a 404, so nobody picks a
 * tenant and a role), and a console that signs people in through another identity provider refuses to start with it.
 */
@QuarkusTest
class DevSignInTest {

    @Test
    void theDefaultConfigurationServesNoDevelopmentSignIn() {
        for (String path : new String[] { "/dev-sign-in/.well-known/openid-configuration", "/dev-sign-in/jwks",
                "/dev-sign-in/authorize?client_id=billforge-console&response_type=code&redirect_uri=http://x/console" }) {
            given().get(path).then().statusCode(404);
        }
        given().formParam("tenant", "acme").formParam("role", "billing-admin")
                .formParam("client_id", "billforge-console").formParam("redirect_uri", "http://x/console/signed-in")
                .post("/dev-sign-in/authorize").then().statusCode(404);
        given().formParam("grant_type", "authorization_code").formParam("code", "x")
                .post("/dev-sign-in/token").then().statusCode(404);
    }

    @Test
    void turnedOnBesideAnOrganisationsIdentityProviderTheConsoleRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DevSignIn
                .refuseOutsideTheLocalStack(true, Optional.of("https://login.example.com/realms/billing")));
        assertTrue(refused.getMessage().contains("local stack only"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> DevSignIn.refuseOutsideTheLocalStack(true, Optional.empty()));
        assertThrows(IllegalStateException.class, () -> DevSignIn.refuseOutsideTheLocalStack(true,
                Optional.of("https://login.example.com/dev-sign-in")), "its path on another host");
        assertDoesNotThrow(() -> DevSignIn.refuseOutsideTheLocalStack(true,
                Optional.of("http://127.0.0.1:8086/dev-sign-in")));
        assertDoesNotThrow(() -> DevSignIn.refuseOutsideTheLocalStack(false,
                Optional.of("https://login.example.com/realms/billing")));
    }
}
