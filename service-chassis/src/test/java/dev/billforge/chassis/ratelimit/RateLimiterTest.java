package dev.billforge.chassis.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;

class RateLimiterTest {

    private static RateLimitConfig quotas() {
        return new RateLimitConfig() {
            public boolean enabled() {
                return true;
            }

            public Duration window() {
                return Duration.ofSeconds(30);
            }

            public int writes() {
                return 3;
            }

            public int reads() {
                return 10;
            }

            public int providerWebhooks() {
                return 10;
            }

            public Duration storeTimeout() {
                return Duration.ofMillis(100);
            }
        };
    }

    /** Redis down: the replica counts alone and still refuses a burst, instead of failing or letting all through. */
    @Test
    void withoutRedisEachReplicaCountsOnItsOwn() {
        RateLimiter limiter = new RateLimiter(() -> {
            throw new IllegalStateException("no Redis here");
        }, quotas());
        List<RateLimitDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            decisions.add(limiter.take("writes", "tenant-a", 3).await().atMost(Duration.ofSeconds(5)));
        }
        assertEquals(List.of(true, true, true, false), decisions.stream().map(RateLimitDecision::allowed).toList());
        assertEquals(List.of(2, 1, 0, 0), decisions.stream().map(RateLimitDecision::remaining).toList());
        RateLimitDecision refused = decisions.get(3);
        assertTrue(refused.resetSeconds() >= 1 && refused.resetSeconds() <= 30, "reset " + refused.resetSeconds());
        assertEquals("\"writes\";q=3;w=30", refused.policyHeader());
        assertEquals("\"writes\";r=0;t=" + refused.resetSeconds(), refused.limitHeader());

        assertTrue(limiter.take("writes", "tenant-b", 3).await().atMost(Duration.ofSeconds(5)).allowed(),
                "another tenant has its own count");
        assertTrue(limiter.take("reads", "tenant-a", 3).await().atMost(Duration.ofSeconds(5)).allowed(),
                "another route class has its own count");
    }

    /** A Redis that fails is left alone for a while: the next requests do not pay for asking it again. */
    @Test
    void afterRedisFailsTheReplicaCountsAloneWithoutAskingItAgainForAWhile() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        RateLimiter limiter = new RateLimiter(() -> {
            asked.incrementAndGet();
            throw new IllegalStateException("Redis black-holed");
        }, quotas());
        for (int i = 0; i < 5; i++) {
            limiter.take("reads", "tenant-a", 10).await().atMost(Duration.ofSeconds(5));
        }
        assertEquals(1, asked.get(), "Redis asked once, then left alone for " + RateLimiter.REDIS_BACKOFF);
        assertEquals(4, limiter.take("reads", "tenant-a", 10).await().indefinitely().remaining(),
                "all six requests were counted, on this replica");
    }

    @Test
    void aWindowEndsAndTheCountStartsAgain() {
        RateLimiter limiter = new RateLimiter(() -> (ReactiveRedisDataSource) null, quotas());
        Duration window = Duration.ofMillis(200);
        assertTrue(limiter.take("writes", "t", 1, window).await().indefinitely().allowed());
        assertFalse(limiter.take("writes", "t", 1, window).await().indefinitely().allowed());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> limiter.take("writes", "t", 1, window).await().indefinitely().allowed());
    }
}
