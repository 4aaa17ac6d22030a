package dev.billforge.chassis.jobs;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * The loop of a background job that works claimed rows (leased with {@link LeasedClaims}, or locked in a claiming
 * transaction that has committed): each row's work (a provider
 * call, an email, an HTTP delivery, each with its outcome recorded in a short transaction of its own) runs in turn,
 * never two at once and never inside a transaction. A row whose work fails is reported and left alone: it is claimed
 * again when its lease ends, and the rows after it are still worked.
 */
public final class LeasedJob {

    private LeasedJob() {
    }

    /**
     * Works the claimed rows one after another.
     *
     * @param claimed the rows (or what was opened for them), in the order to work them
     *
     * @param work one row's work; its item says whether the row is done (sent, settled), for the count
     * @param failed what to say about a row whose work failed
     * @return how many rows the work reported done
     */
    public static <T> Uni<Integer> workInTurn(List<T> claimed, Function<T, Uni<Boolean>> work,
            BiConsumer<T, Throwable> failed) {
        return workFrom(claimed, 0, 0, work, failed);
    }

    private static <T> Uni<Integer> workFrom(List<T> claimed, int next, int done, Function<T, Uni<Boolean>> work,
            BiConsumer<T, Throwable> failed) {
        if (next >= claimed.size()) {
            return Uni.createFrom().item(done);
        }
        T row = claimed.get(next);
        return Uni.createFrom().deferred(() -> work.apply(row))
                .onFailure().recoverWithItem(failure -> {
                    failed.accept(row, failure);
                    return false;
                })
                .chain(finished -> workFrom(claimed, next + 1, Boolean.TRUE.equals(finished) ? done + 1 : done, work,
                        failed));
    }
}
