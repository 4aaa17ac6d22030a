package dev.billforge.chassis.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.reactive.VertxContexts;

/**
 * The loop of a background job that works claimed rows (leased with {@link LeasedClaims}, or opened in a claiming
 * transaction that has committed): each row's work (a provider call, an email, an HTTP delivery, each with its outcome
 * recorded in a short transaction of its own) runs in turn, never two at once and never inside a transaction. A row
 * whose work fails is reported and left as it is, for the job that owns such rows to take up again (a lease that
 * ends, the payment recovery job), and the rows after it are still worked. Where rows are many and each call waits on
 * someone else, {@link #callConcurrently} makes the calls side by side and the caller records the outcomes as a set.
 */
public final class LeasedJob {

    private LeasedJob() {
    }

    /**
     * Works the claimed rows one after another.
     *
     * @param claimed the rows (or what was opened for them), in the order to work them
     * @param work one row's work
     * @param failed what to say about a row whose work failed
     */
    public static <T> Uni<Void> workInTurn(List<T> claimed, Function<T, Uni<?>> work, BiConsumer<T, Throwable> failed) {
        return workFrom(claimed, 0, work, failed);
    }

    /**
     * The calls out (to a provider, a mail server) of a set of claimed rows, made concurrently with at most
     * {@code window} in flight per {@code account} (a provider account's rate limits are its own), and no transaction
     * open: the caller then records every outcome in one transaction. The calls must not use a reactive session; the
     * list completes on the caller's Vert.x context, in the order of {@code claimed}. A call that fails gives
     * {@code failed}'s answer (null leaves the row as it is, for the job that owns such rows to take up again).
     */
    public static <T, R> Uni<List<R>> callConcurrently(List<T> claimed, Function<T, Object> account, int window,
            Function<T, Uni<R>> call, BiFunction<T, Throwable, R> failed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<Object, List<Integer>> byAccount = new LinkedHashMap<>();
        for (int i = 0; i < claimed.size(); i++) {
            byAccount.computeIfAbsent(account.apply(claimed.get(i)), key -> new ArrayList<>()).add(i);
        }
        AtomicReferenceArray<R> outcomes = new AtomicReferenceArray<>(claimed.size()); // calls answer on any thread
        List<Uni<Void>> accounts = byAccount.values().stream().map(rows -> Multi.createFrom().iterable(rows)
                .onItem().transformToUni(i -> Uni.createFrom().deferred(() -> call.apply(claimed.get(i)))
                        .onFailure().recoverWithItem(failure -> failed.apply(claimed.get(i), failure))
                        .invoke(outcome -> outcomes.set(i, outcome)))
                .merge(window)
                .collect().last().replaceWithVoid()).toList();
        return VertxContexts.resumingHere(Uni.join().all(accounts).andFailFast().map(done -> {
            List<R> inOrder = new ArrayList<>(claimed.size());
            for (int i = 0; i < claimed.size(); i++) {
                inOrder.add(outcomes.get(i));
            }
            return inOrder;
        }));
    }

    private static <T> Uni<Void> workFrom(List<T> claimed, int next, Function<T, Uni<?>> work,
            BiConsumer<T, Throwable> failed) {
        if (next >= claimed.size()) {
            return Uni.createFrom().voidItem();
        }
        T row = claimed.get(next);
        return Uni.createFrom().deferred(() -> work.apply(row)).replaceWithVoid()
                .onFailure().invoke(failure -> failed.accept(row, failure))
                .onFailure().recoverWithNull()
                .chain(() -> workFrom(claimed, next + 1, work, failed));
    }
}
