package dev.billforge.chassis.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-tenant test clocks (see {@link BusinessClock}). Off unless a test or the local stack turns them on; a
 * production deployment must never set {@code enabled}.
 */
@ConfigMapping(prefix = "billforge.test-clock")
public interface TestClockConfig {

    /** Whether a tenant's business clock can be moved through {@code /v1/test-clock}. */
    @WithDefault("false")
    boolean enabled();

    /** The topic every service reads the tenants' clock moves from (see TestClockBroadcast); keyed by tenant. */
    @WithDefault("billforge.test-clock")
    String topic();
}
