package dev.billforge.chassis.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The shared test clock (see {@link TestClock}). Off unless a test or the local stack turns it on; a production
 * deployment must never set {@code enabled}.
 */
@ConfigMapping(prefix = "billforge.test-clock")
public interface TestClockConfig {

    /** Whether the business clock can be moved through {@code /v1/test-clock}. */
    @WithDefault("false")
    boolean enabled();

    /**
     * The compacted topic every service reads the clock's position from. Its records are keyed by scope: {@code *}
     * for the whole platform today; a tenant id would give that tenant a clock of its own (Stripe-style test
     * clocks) without changing the topic.
     */
    @WithDefault("billforge.test-clock")
    String topic();
}
