package dev.billforge.chassis.jobs;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * The loop of a background job that works claimed rows (leased with {@link LeasedClaims}, or opened in a claiming
 * transaction that has committed): each row's work (a provider call, an email, an HTTP delivery, each with its outcome
 * recorded in a short transaction of its own) runs in turn, never two at once and never inside a transaction. A row
 * whose work fails is reported and left as it is, for the job that owns such rows to take up again (a lease that
 * ends, the payment recovery job), and the rows after it are still worked.
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
