package dev.billforge.console.signin;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The local stack's development sign-in ({@link DevSignIn}): off unless the local stack turns it on, and refused at
 * start-up when the console signs people in through any other identity provider.
 */
@ConfigMapping(prefix = "billforge.console.dev-sign-in")
public interface DevSignInConfig {

    @WithDefault("false")
    boolean enabled();

    /** The RS256 key the local stack signs its tokens with (deploy/local/token.sh's). */
    Optional<String> privateKeyLocation();

    /** How long a minted token lasts (token.sh's are 12 hours). */
    @WithDefault("12h")
    Duration tokenLifespan();
}
