package dev.billforge.testsupport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a service method that uses the reactive Hibernate session from a test, the way Quarkus runs a request or
 * a scheduled job: on a fresh duplicated Vert.x context marked safe. (quarkus-test-vertx's
 * {@code @RunOnVertxContext} does the same but is not among the build's available artifacts.)
 */
public final class OnVertx {

    private OnVertx() {
    }

    /** Starts {@code work} on its own context and returns a future of its result. */
    public static <T> CompletableFuture<T> start(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }

    public static <T> T await(Vertx vertx, Supplier<Uni<T>> work) {
        try {
            return start(vertx, work).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("work on the Vert.x context failed", e);
        }
    }
}
