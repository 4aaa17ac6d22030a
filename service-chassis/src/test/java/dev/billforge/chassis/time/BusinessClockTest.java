package dev.billforge.chassis.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Per-tenant business time: a tenant's test clock moves only that tenant, only forward. */
class BusinessClockTest {

    private static final Instant REAL_TIME = Instant.parse("2026-03-01T10:00:00Z");

    private final BusinessClock clock = new BusinessClock(Clock.fixed(REAL_TIME, ZoneOffset.UTC));

    @Test
    void everyTenantIsOnRealTimeUntilItsClockMoves() {
        assertEquals(REAL_TIME, clock.now("acme"));
        assertEquals(Duration.ZERO, clock.offset("acme"));
        assertEquals(List.of(DueScope.everyone(REAL_TIME)), clock.dueScopes());
    }

    @Test
    void movingOneTenantsClockLeavesTheOthersOnRealTime() {
        clock.runAhead("acme", clock.offsetFor("acme", Instant.parse("2026-04-01T10:00:00Z")));

        assertEquals(Instant.parse("2026-04-01T10:00:00Z"), clock.now("acme"));
        assertEquals(REAL_TIME, clock.now("globex"));
        assertEquals(List.of(DueScope.tenant("acme", Instant.parse("2026-04-01T10:00:00Z")),
                DueScope.everyoneBut(Set.of("acme"), REAL_TIME)), clock.dueScopes());
    }

    @Test
    void aClockNeverGoesBackAndTheSameMoveTwiceIsHarmless() {
        assertEquals(Duration.ofDays(3), clock.runAhead("acme", Duration.ofDays(3)));
        assertEquals(Duration.ofDays(3), clock.runAhead("acme", Duration.ofDays(1)));
        assertEquals(Duration.ofDays(3), clock.runAhead("acme", Duration.ofDays(3)));
        assertEquals(REAL_TIME.plus(Duration.ofDays(3)), clock.now("acme"));
    }

    @Test
    void listenersHearOfEveryForwardMoveAndOfNothingElse() {
        AtomicInteger heard = new AtomicInteger();
        clock.whenMoved(heard::incrementAndGet);
        clock.whenMoved(() -> {
            throw new IllegalStateException("a broken listener");
        });
        clock.runAhead("acme", Duration.ofDays(3));
        clock.runAhead("acme", Duration.ofDays(3)); // the same move again
        clock.runAhead("acme", Duration.ofDays(1)); // behind the current one
        clock.runAhead("globex", Duration.ofSeconds(-1)); // to real time: no test clock
        assertEquals(1, heard.get());
        clock.runAhead("globex", Duration.ofHours(1));
        assertEquals(2, heard.get(), "a broken listener does not keep the others from hearing");
    }

    @Test
    void aMoveToNowOrBehindLeavesTheClockOnRealTimeAndAPublishedMoveIsNeverLessThanTheCurrentOne() {
        assertEquals(Duration.ZERO, clock.runAhead("acme", Duration.ofSeconds(-1)));
        assertEquals(REAL_TIME, clock.now("acme"));

        clock.runAhead("acme", Duration.ofDays(10));
        assertEquals(Duration.ofDays(10), clock.offsetFor("acme", REAL_TIME.plus(Duration.ofDays(2))),
                "a stale request cannot publish a smaller offset");
        assertEquals(Duration.ofDays(12), clock.offsetFor("acme", REAL_TIME.plus(Duration.ofDays(12))));
    }

    @Test
    void aScopeWhosePassFailsDoesNotStopTheOthers() {
        clock.runAhead("acme", Duration.ofDays(3));
        List<DueScope> ran = new java.util.ArrayList<>();
        int done = clock.inEachScope(scope -> {
            ran.add(scope);
            return scope.onlyThese() ? Uni.createFrom().failure(new IllegalStateException("acme's pass breaks"))
                    : Uni.createFrom().item(5);
        }).await().indefinitely();

        assertEquals(5, done);
        assertEquals(clock.dueScopes(), ran, "every tenant's real-time pass ran after the failing one");
    }
}
