package dev.billforge.chassis.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-tenant request quotas ({@code billforge.rate-limit.*}): how many requests of each route class one tenant may
 * make per window, counted across every service and replica in Redis ({@code quarkus.redis.hosts}). When Redis
 * cannot be reached in {@link #storeTimeout()}, each replica counts on its own (the limit then holds per replica).
 */
@ConfigMapping(prefix = "billforge.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** The length of one counting window; a refused request is told to retry when its window ends. */
    @WithDefault("10s")
    Duration window();

    /** POST, PUT, PATCH and DELETE requests per tenant and window. */
    @WithDefault("500")
    int writes();

    /** GET and HEAD requests per tenant and window. */
    @WithDefault("2000")
    int reads();

    /** Provider webhook deliveries per tenant and window (counted apart from the tenant's own API use). */
    @WithDefault("1000")
    int providerWebhooks();

    /** How long a count may take in Redis before this replica counts on its own. */
    @WithDefault("250ms")
    Duration storeTimeout();
}
