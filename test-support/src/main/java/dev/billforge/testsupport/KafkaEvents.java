package dev.billforge.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.billforge.chassis.json.EventJson;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.EventType;

/**
 * Plays another service in a consumer test: publishes events onto the test broker exactly as the outbox relay
 * would (CloudEvents JSON, subject as key), and waits until a consumer group has read everything on a topic.
 */
public final class KafkaEvents {

    private KafkaEvents() {
    }

    /** A fresh envelope, as {@code source} would publish it now. */
    public static <T> EventEnvelope<T> envelope(EventType<T> type, String source, String tenantId, Object subject,
            T data) {
        return EventEnvelope.of(type, UUID.randomUUID().toString(), source, subject.toString(), Instant.now(),
                tenantId, data);
    }

    /**
     * Publishes the event on its type's topic (and waits for the broker's ack), with the same content-type header
     * as the outbox relay, so consumers are tested against exactly what producers send.
     */
    public static void publish(EventEnvelope<?> event) {
        String topic = event.type(); // one topic per event type, named like it (see Topics)
        send(topic, event.subject(), EventJson.write(event), EventEnvelope.STRUCTURED_CONTENT_TYPE);
    }

    /**
     * As {@link #publish(EventEnvelope)}, with the W3C {@code traceparent} header the outbox relay writes for a
     * traced journey.
     */
    public static void publish(EventEnvelope<?> event, String traceParent) {
        var record = record(event.type(), event.subject(), EventJson.write(event), EventEnvelope.STRUCTURED_CONTENT_TYPE);
        record.headers().add("traceparent", traceParent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        produce(event.type(), List.of(record), false);
    }

    /** Publishes any text, e.g. a malformed record, on {@code topic}. */
    public static void publishRaw(String topic, String key, String value) {
        send(topic, key, value, null);
    }

    /**
     * Publishes the events on {@code topic} under one key, in one producer batch (held back until all are queued):
     * the broker appends them as one record batch, so a consumer's poll returns them together, in this order. Raw
     * texts (a malformed record) may be mixed in.
     */
    public static void publishTogether(String topic, String key, List<?> eventsOrTexts) {
        produce(topic, eventsOrTexts.stream().map(item -> record(topic, key,
                item instanceof EventEnvelope<?> event ? EventJson.write(event) : item.toString(),
                EventEnvelope.STRUCTURED_CONTENT_TYPE)).toList(), true);
    }

    private static void send(String topic, String key, String value, String contentType) {
        produce(topic, List.of(record(topic, key, value, contentType)), false);
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value, String contentType) {
        var record = new ProducerRecord<>(topic, key, value);
        if (contentType != null) {
            record.headers().add("content-type", contentType.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return record;
    }

    /**
     * Sends the records and waits for the broker's acks. {@code asOneBatch} holds them back until all are queued, so
     * they leave in one producer batch (records of one partition are then appended, and fetched, together).
     */
    private static void produce(String topic, List<ProducerRecord<String, String>> records, boolean asOneBatch) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (asOneBatch) {
            props.put(ProducerConfig.LINGER_MS_CONFIG, "60000"); // sent by flush(), all at once
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, "1048576");
        }
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = records.stream().<java.util.concurrent.Future<?>> map(
                    producer::send).toList();
            producer.flush();
            for (var future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        }
    }

    /**
     * Waits until consumer group {@code group} has committed offsets up to the end of every partition of
     * {@code topic}: every record there, duplicates included, has been processed.
     */
    public static void awaitConsumed(String group, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .alias("group " + group + " has committed offsets at the end of " + topic)
                    .until(() -> caughtUp(admin, group, topic));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; groups and their offsets: " + describe(props), e);
        }
    }

    private static String describe(Properties props) {
        try (Admin admin = Admin.create(props)) {
            StringBuilder out = new StringBuilder();
            for (var listing : admin.listConsumerGroups().all().get()) {
                out.append(listing.groupId()).append('=')
                        .append(admin.listConsumerGroupOffsets(listing.groupId()).partitionsToOffsetAndMetadata().get())
                        .append(' ');
            }
            return out.toString();
        } catch (Exception e) {
            return "unavailable (" + e + ")";
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get();
        return partitions.stream().allMatch(p -> {
            OffsetAndMetadata done = committed.get(p); // none for a partition that never held a record
            return (done == null ? 0 : done.offset()) >= ends.get(p).offset();
        });
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
