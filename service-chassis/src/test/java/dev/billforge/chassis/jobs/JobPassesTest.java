package dev.billforge.chassis.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** When a job's passes run: one at a time, again after a wake-up or a full batch, and on the sweep. */
class JobPassesTest {

    private static final Duration NO_SWEEP = Duration.ofHours(1);

    private final Vertx vertx = Vertx.vertx();
    private JobPasses passes;

    @AfterEach
    void stop() {
        if (passes != null) {
            passes.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void wakeUpsDuringAPassRunOnePassAfterItNotOneEach() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Boolean> firstHeld = new CompletableFuture<>();
        CompletableFuture<Void> firstRunning = new CompletableFuture<>();
        List<CompletableFuture<Void>> ran = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                new CompletableFuture<>());
        passes = JobPasses.start(vertx, "test job", NO_SWEEP, () -> {
            int pass = started.incrementAndGet();
            ran.get(Math.min(pass, 3) - 1).complete(null);
            if (pass == 1) {
                firstRunning.complete(null);
                return Uni.createFrom().completionStage(firstHeld);
            }
            return Uni.createFrom().item(false);
        });
        firstRunning.get(5, TimeUnit.SECONDS);
        passes.wake();
        passes.wake();
        passes.wake();
        assertEquals(1, started.get(), "no second pass while the first runs");

        firstHeld.complete(false);
        ran.get(1).get(5, TimeUnit.SECONDS);
        passes.wake();
        ran.get(2).get(5, TimeUnit.SECONDS);
        assertEquals(3, started.get(), "three wake-ups during the first pass made one pass after it");
    }

    @Test
    void aPassThatReportsMoreWorkRunsAgainAtOnce() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        passes = JobPasses.start(vertx, "test job", NO_SWEEP, () -> {
            int pass = started.incrementAndGet();
            if (pass == 3) {
                drained.complete(null);
            }
            return Uni.createFrom().item(pass < 3); // two full batches, then the rest
        });
        drained.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theSweepRunsPassesEvenAfterFailedOnes() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> third = new CompletableFuture<>();
        passes = JobPasses.start(vertx, "test job", Duration.ofMillis(20), () -> {
            if (started.incrementAndGet() == 3) {
                third.complete(null);
            }
            return Uni.createFrom().failure(new IllegalStateException("the database is away"));
        });
        third.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWakeUpDuringAFailedPassRetriesSoonWithoutWaitingForTheSweep() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Boolean> firstHeld = new CompletableFuture<>();
        CompletableFuture<Void> firstRunning = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        passes = JobPasses.start(vertx, "test job", NO_SWEEP, () -> {
            if (started.incrementAndGet() == 1) {
                firstRunning.complete(null);
                return Uni.createFrom().completionStage(firstHeld);
            }
            second.complete(null);
            return Uni.createFrom().item(false);
        });
        firstRunning.get(5, TimeUnit.SECONDS);
        passes.wake(); // work committed while the pass runs
        firstHeld.completeExceptionally(new IllegalStateException("the database is away"));
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void eachPassRunsOnAFreshDuplicatedContextMarkedSafe() throws Exception {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        passes = JobPasses.start(vertx, "test job", NO_SWEEP, () -> {
            contexts.add(Vertx.currentContext());
            if (contexts.size() == 2) {
                second.complete(null);
            }
            return Uni.createFrom().item(contexts.size() < 2);
        });
        second.get(5, TimeUnit.SECONDS);
        for (Context context : contexts) {
            assertTrue(VertxContext.isDuplicatedContext(context));
            assertTrue(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context));
        }
        assertNotSame(contexts.get(0), contexts.get(1), "a pass's session never outlives it");
    }
}
