package dev.billforge.chassis.telemetry;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * One trace per billing journey, across the Kafka hops. The request that starts a journey has the HTTP server span
 * (a child of the caller's {@code traceparent}, if any). {@code Outbox.publish} stores the current span with the
 * outbox row as a W3C {@code traceparent}, because the relay sends the row later, on another thread, where the
 * request's context is gone. The relay sends it in the record's {@code traceparent} header (the CloudEvents
 * distributed-tracing extension) from a producer span. The consumer's inbox continues it around each event's effect
 * and its work after commit (a provider call), and so on to the next hop. A bill-run renewal starts a trace of its
 * own, linked from the batch that renewed it. With tracing off (the default) every span here is a no-op.
 */
@ApplicationScoped
public class Tracing {

    /** The Kafka header (and outbox column) holding the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");

    private static final TextMapGetter<String> FROM_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span as a W3C {@code traceparent}, or null when there is none (no journey, or tracing off). */
    public static String currentTraceParent() {
        return traceParent(Span.current().getSpanContext());
    }

    /** {@code span} as a W3C {@code traceparent}, or null for a no-op span (tracing off). */
    public static String traceParent(Span span) {
        return traceParent(span.getSpanContext());
    }

    static String traceParent(SpanContext span) {
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex() : null;
    }

    /** The span that publishes one outbox event to {@code topic}, continuing the trace stored with it. */
    public Span startPublish(String topic, String eventType, String traceParent) {
        return messaging(topic + " publish", SpanKind.PRODUCER, traceParent).setAttribute(DESTINATION, topic)
                .setAttribute(EVENT_TYPE, eventType).startSpan();
    }

    /** The span that applies one consumed event, continuing the trace its record's header carries. */
    public Span startProcess(String topic, String eventType, String eventId, String traceParent) {
        return messaging(topic + " process", SpanKind.CONSUMER, traceParent).setAttribute(DESTINATION, topic)
                .setAttribute(EVENT_TYPE, eventType).setAttribute(EVENT_ID, eventId).startSpan();
    }

    /** A span within {@code parent}'s trace (work after an event's commit, say). */
    public Span startChild(String name, Span parent, SpanKind kind) {
        return tracer.spanBuilder(name).setParent(Context.root().with(parent)).setSpanKind(kind).startSpan();
    }

    /** A span of the current trace, for a call out of the service (a payment provider, SMTP). */
    public Span startClient(String name) {
        return tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).startSpan();
    }

    /** A span continuing the trace {@code traceParent} names (stored with a row), or a new trace without one. */
    public Span startContinuing(String name, String traceParent, SpanKind kind) {
        return tracer.spanBuilder(name).setParent(parent(traceParent)).setSpanKind(kind).startSpan();
    }

    /** The first span of a new trace, linked from {@code cause} (the bill-run batch that renewed a subscription). */
    public Span startRoot(String name, Span cause) {
        SpanBuilder builder = tracer.spanBuilder(name).setNoParent();
        if (cause != null && cause.getSpanContext().isValid()) {
            builder.addLink(cause.getSpanContext());
        }
        return builder.startSpan();
    }

    /**
     * Runs {@code work} with {@code span} current, then ends the span, marked as an error when the work failed. On a
     * duplicated Vert.x context (a request, a consumed batch, a job pass: wherever Panache runs) the span stays
     * current until the work completes, since the context lives in that Vert.x context, whichever thread resumes it.
     * Elsewhere it is current only while the work is set up: the storage is then a thread-local, which a completion
     * on another thread could not restore.
     */
    public static <T> Uni<T> within(Span span, Supplier<Uni<T>> work) {
        if (!span.getSpanContext().isValid()) { // tracing off: nothing to carry, nothing to end
            return Uni.createFrom().deferred(() -> work.get());
        }
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context vertx = io.vertx.core.Vertx.currentContext();
            boolean untilDone = vertx != null && VertxContext.isDuplicatedContext(vertx);
            Scope scope = span.makeCurrent();
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                scope.close();
                end(span, e);
                throw e;
            }
            if (!untilDone) {
                scope.close();
            }
            // onTermination: cancelled work (a send timing out) ends its span and leaves its context too.
            return started.onTermination().invoke((item, failure, cancelled) -> {
                if (untilDone) {
                    scope.close();
                }
                end(span, failure);
            });
        });
    }

    /** Makes {@code span} current until the scope closes; with tracing off, a no-op. */
    public static Scope current(Span span) {
        return span.getSpanContext().isValid() ? span.makeCurrent() : Scope.noop();
    }

    /** {@code work}, ending {@code span} when it completes (the span is never current: sends run side by side). */
    public static <T> Uni<T> ending(Span span, Uni<T> work) {
        return work.onTermination().invoke((item, failure, cancelled) -> end(span, failure));
    }

    private SpanBuilder messaging(String name, SpanKind kind, String traceParent) {
        return tracer.spanBuilder(name).setParent(parent(traceParent)).setSpanKind(kind)
                .setAttribute(MESSAGING_SYSTEM, "kafka");
    }

    private static Context parent(String traceParent) {
        return traceParent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, FROM_TRACEPARENT);
    }

    /** Ends {@code span}, marked failed with {@code failure} when there is one. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
