package dev.billforge.chassis.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
        clock.runAhead("acme", clock.offsetFor(Instant.parse("2026-04-01T10:00:00Z")));

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
    void aScopeCoversItsTenantsOnly() {
        DueScope acme = DueScope.tenant("acme", REAL_TIME);
        DueScope others = DueScope.everyoneBut(Set.of("acme"), REAL_TIME);
        assertEquals(true, acme.covers("acme"));
        assertEquals(false, acme.covers("globex"));
        assertEquals(false, others.covers("acme"));
        assertEquals(true, others.covers("globex"));
    }
}
