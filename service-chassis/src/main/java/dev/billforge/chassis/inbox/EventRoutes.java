package dev.billforge.chassis.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;

/**
 * What a service does with each topic it consumes: the consumer name its inbox records processed events under, how a
 * record is read, and the effect. One channel per service reads all these topics in batches ({@link Inbox});
 * the topic of each record picks its route.
 *
 * <p>The consumer name is the key of the inbox rows: keep a route's name when changing anything else, or events
 * processed under the old name would be processed again.
 */
public final class EventRoutes {

    /** An event's effect, run inside the inbox transaction. */
    @FunctionalInterface
    public interface Effect<T> {
        Uni<Void> apply(EventEnvelope<JsonNode> event, T data);
    }

    /**
     * An effect with work to do once its transaction has committed (a provider call, which must never run inside a
     * transaction). The follow-up is best effort: if the service dies before it runs, a recovery job must finish it.
     */
    @FunctionalInterface
    public interface EffectWithFollowUp<T> {
        Uni<FollowUp> apply(EventEnvelope<JsonNode> event, T data);
    }

    /**
     * An effect applied to all of a batch's new events of one type at once, inside the inbox transaction: reads with
     * one query per table for the whole set, the billing logic in memory, writes as few statements as it can. Each
     * event's own publications are made within its {@link Received#journey()}, so its trace goes on.
     */
    @FunctionalInterface
    public interface BatchEffect<T> {
        Uni<Void> apply(List<Received<T>> events);
    }

    /** A {@link BatchEffect} with work to run once the batch's transaction has committed (provider calls). */
    @FunctionalInterface
    public interface BatchEffectWithFollowUp<T> {
        Uni<FollowUp> apply(List<Received<T>> events);
    }

    /**
     * One event handed to a {@link BatchEffect}, in arrival order (per-key order kept).
     *
     * @param journey the trace context of its processing: make it current while assembling what it publishes
     */
    public record Received<T>(EventEnvelope<JsonNode> event, T data, Context journey) {
    }

    /** An effect on the envelope and the record as published (for types the service has no record class for). */
    @FunctionalInterface
    public interface EnvelopeEffect {
        Uni<Void> apply(EventEnvelope<JsonNode> event, String payload);
    }

    /** Work after commit; {@link #NONE} when there is nothing to do. */
    @FunctionalInterface
    public interface FollowUp {
        FollowUp NONE = () -> Uni.createFrom().voidItem();

        Uni<Void> run();

        /**
         * Work after commit done for all of a batch's events at once: {@code batch} is given the {@code item} of
         * every event of the consumed batch that joined it (provider calls made concurrently, their outcomes recorded
         * in one transaction). {@code batch} must be one object for the whole channel (a field, not a fresh method
         * reference per event): the items are grouped by it.
         */
        static <T> FollowUp joining(BatchFollowUp<T> batch, T item) {
            return new Joined<>(batch, item);
        }
    }

    /** The work after commit of a batch's items, all at once; see {@link FollowUp#joining}. */
    @FunctionalInterface
    public interface BatchFollowUp<T> {
        Uni<Void> runAll(List<T> items);
    }

    /** A follow-up run together with the others of its batch; alone, it is a batch of one. */
    record Joined<T>(BatchFollowUp<T> batch, T item) implements FollowUp {
        @Override
        public Uni<Void> run() {
            return batch.runAll(List.of(item));
        }
    }

    /**
     * A record read and routed, ready to be applied once: on its own ({@code effect}), or with the batch's other
     * events of its route ({@code batch}; then {@code effect} is null).
     */
    record Delivery(String consumer, EventEnvelope<JsonNode> event, Supplier<Uni<FollowUp>> effect,
            BatchPart<?> batch) {

        Delivery(String consumer, EventEnvelope<JsonNode> event, Supplier<Uni<FollowUp>> effect) {
            this(consumer, event, effect, null);
        }
    }

    /** The part of a batch route's delivery its effect needs: the effect (one object per route) and the data read. */
    record BatchPart<T>(BatchEffectWithFollowUp<T> effect, T data) {
    }

    /**
     * Which of a batch's tenants the routes have anything to do for (asked once per batch, in a session of its own);
     * the events of the other tenants are acknowledged without being recorded or applied.
     */
    @FunctionalInterface
    public interface TenantInterest {
        Uni<Set<String>> among(Set<String> tenants);
    }

    @FunctionalInterface
    private interface Route {
        Delivery read(String payload);
    }

    private final Map<String, Route> byTopic;
    private final Route everyOtherTopic;
    private final TenantInterest interest;

    private EventRoutes(Map<String, Route> byTopic, Route everyOtherTopic, TenantInterest interest) {
        this.byTopic = Map.copyOf(byTopic);
        this.everyOtherTopic = everyOtherTopic;
        this.interest = interest;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The topics with a route of their own. */
    public Set<String> topics() {
        return byTopic.keySet();
    }

    /** The tenants to apply events for, or null when every tenant's events are applied. */
    TenantInterest interest() {
        return interest;
    }

    /**
     * Reads a record of {@code topic}.
     *
     * @throws EventJson.MalformedEventException when the record is not an event of the type its topic carries, or
     *         nothing routes its topic
     */
    Delivery read(String topic, String payload) {
        Route route = byTopic.getOrDefault(topic, everyOtherTopic);
        if (route == null) {
            throw new EventJson.MalformedEventException("no route for topic " + topic);
        }
        return route.read(payload);
    }

    public static final class Builder {
        private final Map<String, Route> byTopic = new HashMap<>();
        private Route everyOtherTopic;
        private TenantInterest interest;

        private Builder() {
        }

        /** Events of {@code type} (on its topic) are applied by {@code effect}, once per event id for {@code consumer}. */
        public <T> Builder on(EventType<T> type, String consumer, Effect<T> effect) {
            return onThen(type, consumer, (event, data) -> effect.apply(event, data).replaceWith(FollowUp.NONE));
        }

        /**
         * Events of {@code type} are applied by {@code effect} all at once per consumed batch (each once per event id
         * for {@code consumer}); a batch that fails is applied again one event at a time, so a poison event is still
         * dead-lettered alone.
         */
        public <T> Builder onBatch(EventType<T> type, String consumer, BatchEffect<T> effect) {
            return onBatchThen(type, consumer, events -> effect.apply(events).replaceWith(FollowUp.NONE));
        }

        /** As {@link #onBatch}, with work to run after the transaction commits. */
        public <T> Builder onBatchThen(EventType<T> type, String consumer, BatchEffectWithFollowUp<T> effect) {
            return add(type.topic(), payload -> {
                EventEnvelope<JsonNode> event = EventJson.read(payload);
                T data = EventJson.data(event, type);
                return new Delivery(consumer, event, null, new BatchPart<>(effect, data));
            });
        }

        /** As {@link #on}, with work to run after the transaction commits. */
        public <T> Builder onThen(EventType<T> type, String consumer, EffectWithFollowUp<T> effect) {
            return add(type.topic(), payload -> {
                EventEnvelope<JsonNode> event = EventJson.read(payload);
                T data = EventJson.data(event, type);
                return new Delivery(consumer, event, () -> effect.apply(event, data));
            });
        }

        /** Every event on {@code topic}, whatever its type, read as an envelope. */
        public Builder onTopic(String topic, String consumer, EnvelopeEffect effect) {
            return add(topic, envelopeRoute(consumer, effect));
        }

        /** Every event on a topic without a route of its own, read as an envelope. */
        public Builder onEveryOtherTopic(String consumer, EnvelopeEffect effect) {
            everyOtherTopic = envelopeRoute(consumer, effect);
            return this;
        }

        /**
         * Applies only the events of the tenants {@code interest} names for each batch: for a consumer that reads
         * every tenant's events but works for few (the webhook fan-out, for tenants with an endpoint), so the others'
         * events cost one query per batch instead of an inbox row and an effect each.
         */
        public Builder onlyForTenants(TenantInterest interest) {
            this.interest = interest;
            return this;
        }

        /**
         * The routes of the channel {@code channel}, checked against the topics it is configured to read
         * ({@code mp.messaging.incoming.<channel>.topics}): a routed topic missing there would never be consumed.
         *
         * @throws IllegalStateException at start-up when a routed topic is not read
         */
        public EventRoutes buildFor(String channel) {
            Set<String> read = Set.copyOf(ConfigProvider.getConfig()
                    .getValues("mp.messaging.incoming." + channel + ".topics", String.class));
            Set<String> missing = new TreeSet<>(byTopic.keySet());
            missing.removeAll(read);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Channel " + channel + " has routes for topics it does not read: "
                        + missing + "; add them to mp.messaging.incoming." + channel + ".topics");
            }
            return new EventRoutes(byTopic, everyOtherTopic, interest);
        }

        private Builder add(String topic, Route route) {
            if (byTopic.putIfAbsent(topic, route) != null) {
                throw new IllegalArgumentException("two routes for topic " + topic);
            }
            return this;
        }

        private static Route envelopeRoute(String consumer, EnvelopeEffect effect) {
            return payload -> {
                EventEnvelope<JsonNode> event = EventJson.read(payload);
                return new Delivery(consumer, event,
                        () -> effect.apply(event, payload).replaceWith(FollowUp.NONE));
            };
        }
    }
}
