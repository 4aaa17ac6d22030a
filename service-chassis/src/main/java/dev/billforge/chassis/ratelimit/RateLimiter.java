package dev.billforge.chassis.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts requests against per-tenant quotas in fixed windows. The counters live in Redis, so every replica of every
 * service shares them: one {@code INCR} per request (a Lua script that also starts the window's expiry). When Redis
 * is down or slow, this replica counts on its own instead of refusing or failing the request: a quota is a guard
 * against one tenant starving the others, not a reason to take the API down. After a Redis failure it does not ask
 * Redis again for {@link #REDIS_BACKOFF} (a circuit breaker), and then one request probes it while the others go
 * on counting locally: a black-holed Redis costs one request the store timeout every few seconds, not every request.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    /** Counts one request; starts the window's expiry on its first; answers the count and the window's time left. */
    private static final String COUNT_SCRIPT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "local ttl = redis.call('PTTL', KEYS[1]) "
            + "if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end "
            + "return {n, ttl}";
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    /** How long the replica counts alone after Redis failed or timed out, before trying it again. */
    static final Duration REDIS_BACKOFF = Duration.ofSeconds(5);
    /** Local windows kept before the ended ones are swept out. */
    private static final int LOCAL_SWEEP_SIZE = 10_000;

    private final Supplier<ReactiveRedisDataSource> redis;
    private final RateLimitConfig config;
    private final Map<String, LocalWindow> localWindows = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    /** Until when (System.nanoTime) Redis is left alone after a failure, or the probe's deadline. */
    private final AtomicLong redisRetryAt = new AtomicLong(System.nanoTime());
    /** Set by a failure, cleared by the next answer: while set, only the request that claims the probe asks Redis. */
    private volatile boolean redisFailing;

    @Inject
    public RateLimiter(Instance<ReactiveRedisDataSource> redis, RateLimitConfig config) {
        this(redis::get, config);
    }

    RateLimiter(Supplier<ReactiveRedisDataSource> redis, RateLimitConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Counts one request of {@code tenantId} against {@code policy}'s quota of {@code quota} per window. */
    public Uni<RateLimitDecision> take(String policy, String tenantId, int quota) {
        return take(policy, tenantId, quota, config.window());
    }

    public Uni<RateLimitDecision> take(String policy, String tenantId, int quota, Duration window) {
        String key = "billforge:rate:" + policy + ":" + tenantId;
        if (redisFailing && !claimProbe()) {
            return Uni.createFrom().item(() -> countLocally(key, policy, quota, window));
        }
        long windowMillis = window.toMillis();
        return Uni.createFrom().deferred(() -> redis.get().execute("EVAL", COUNT_SCRIPT, "1", key,
                Long.toString(windowMillis)))
                .ifNoItem().after(config.storeTimeout()).fail()
                .map(answer -> {
                    redisFailing = false;
                    return decide(policy, quota, window, answer.get(0).toLong(), answer.get(1).toLong());
                })
                .onFailure().recoverWithItem(failure -> {
                    redisRetryAt.set(System.nanoTime() + REDIS_BACKOFF.toNanos());
                    redisFailing = true;
                    warn(failure);
                    return countLocally(key, policy, quota, window);
                });
    }

    /** The back-off is over and no other request is probing: this one may ask Redis (until its store timeout). */
    private boolean claimProbe() {
        long retryAt = redisRetryAt.get();
        long now = System.nanoTime();
        return now - retryAt >= 0
                && redisRetryAt.compareAndSet(retryAt, now + config.storeTimeout().toNanos() + REDIS_BACKOFF.toNanos());
    }

    private RateLimitDecision countLocally(String key, String policy, int quota, Duration window) {
        LocalWindow local = localWindows.compute(key, (k, current) -> current == null || current.ended()
                ? new LocalWindow(System.nanoTime() + window.toNanos()) : current);
        sweepLocalWindows();
        return decide(policy, quota, window, local.count.incrementAndGet(), local.millisLeft());
    }

    private static RateLimitDecision decide(String policy, int quota, Duration window, long count, long millisLeft) {
        long resetSeconds = Math.max(1, (millisLeft + 999) / 1000);
        int remaining = (int) Math.max(0, quota - count);
        return new RateLimitDecision(policy, quota, Math.max(1, window.toSeconds()), remaining, resetSeconds,
                count <= quota);
    }

    private void warn(Throwable failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Rate-limit counters unavailable in Redis (%s); counting on this replica alone",
                    failure.toString());
        }
    }

    private void sweepLocalWindows() {
        if (localWindows.size() > LOCAL_SWEEP_SIZE) {
            for (Iterator<LocalWindow> windows = localWindows.values().iterator(); windows.hasNext();) {
                if (windows.next().ended()) {
                    windows.remove();
                }
            }
        }
    }

    private static final class LocalWindow {
        final long endsAtNanos;
        final AtomicLong count = new AtomicLong();

        LocalWindow(long endsAtNanos) {
            this.endsAtNanos = endsAtNanos;
        }

        boolean ended() {
            return System.nanoTime() >= endsAtNanos;
        }

        long millisLeft() {
            return Math.max(0, (endsAtNanos - System.nanoTime()) / 1_000_000);
        }
    }
}
