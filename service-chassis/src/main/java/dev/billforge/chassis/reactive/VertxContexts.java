package dev.billforge.chassis.reactive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Getting back onto the Vert.x context a piece of work started on. A reactive Hibernate session (and so every
 * {@code Panache.withTransaction}) may only be used on the Vert.x context that opened it; work that completes on
 * another thread (a PDF rendered on a worker, a mailer or HTTP client answering on its own threads) must hop back
 * before the outcome is recorded, or the recording fails with HR000068 and the work is done again later.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

    /**
     * {@code work}, its item and failure delivered on the Vert.x context current when this is called (unchanged when
     * there is none, as in a plain unit test).
     */
    public static <T> Uni<T> resumingHere(Uni<T> work) {
        Context context = Vertx.currentContext();
        return context == null ? work : work.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
