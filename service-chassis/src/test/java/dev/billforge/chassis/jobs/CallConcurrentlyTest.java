package dev.billforge.chassis.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * {@link LeasedJob#callConcurrently}: the calls of a set run side by side, never more than the window per account,
 * each account's window its own; the answers come back in the set's order, and a failed call gives the fallback
 * answer without failing the others.
 */
class CallConcurrentlyTest {

    private static final int WINDOW = 4;

    private final ScheduledExecutorService provider = Executors.newScheduledThreadPool(16);
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        provider.shutdownNow();
    }

    @Test
    void callsRunSideBySideWithinEachAccountsWindowAndAnswerInOrder() {
        List<Integer> rows = IntStream.range(0, 40).boxed().toList();

        List<String> answers = LeasedJob.<Integer, String> callConcurrently(rows, row -> account(row), WINDOW,
                row -> call(account(row), row), (row, failure) -> "unknown " + row)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(rows.stream().map(row -> "answer " + row).toList(), answers);
        for (String account : List.of("acct_a", "acct_b")) {
            int most = mostInFlight.get(account).get();
            assertTrue(most > 1, account + ": calls ran one at a time (" + most + " in flight at most)");
            assertTrue(most <= WINDOW, account + ": " + most + " calls in flight, over the window of " + WINDOW);
        }
    }

    @Test
    void aFailedCallGivesItsFallbackAndTheOthersTheirAnswers() {
        List<String> answers = LeasedJob.<Integer, String> callConcurrently(List.of(1, 2, 3), row -> "acct_a", WINDOW,
                row -> row == 2 ? Uni.createFrom().failure(new IllegalStateException("timeout"))
                        : call("acct_a", row),
                (row, failure) -> "unknown " + row + ": " + failure.getMessage())
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(List.of("answer 1", "unknown 2: timeout", "answer 3"), answers);
    }

    private static String account(int row) {
        return row % 2 == 0 ? "acct_a" : "acct_b";
    }

    /** A provider call answering after 20 ms on the provider's own threads, counting the calls in flight. */
    private Uni<String> call(String account, int row) {
        AtomicInteger now = inFlight.computeIfAbsent(account, key -> new AtomicInteger());
        AtomicInteger most = mostInFlight.computeIfAbsent(account, key -> new AtomicInteger());
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
        return Uni.createFrom().emitter(answer -> provider.schedule(() -> {
            now.decrementAndGet();
            answer.complete("answer " + row);
        }, 20, TimeUnit.MILLISECONDS));
    }
}
