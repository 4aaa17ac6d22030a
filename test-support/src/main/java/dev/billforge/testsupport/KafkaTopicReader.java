package dev.billforge.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a topic of the test broker from the beginning, the way an outside consumer would, and waits (with a
 * deadline) until the records a test expects are there.
 */
public final class KafkaTopicReader implements AutoCloseable {

    public record Record(String key, String value, Map<String, String> headers) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Record> seen = new ArrayList<>();

    public KafkaTopicReader(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for the records read so far, or fails after {@code timeout}. */
    public List<Record> readUntil(Predicate<List<Record>> done, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
            pollOnce();
            return done.test(seen);
        });
        return List.copyOf(seen);
    }

    /** Everything readable within {@code window}: for asserting that nothing more arrived. */
    public List<Record> readFor(Duration window) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            pollOnce();
        }
        return List.copyOf(seen);
    }

    /**
     * Waits (up to {@code deadline}) for a record with {@code key}, keeps reading for {@code quiet}, and returns the
     * records with that key: a test asserting "exactly once" checks the list has one element.
     */
    public List<Record> awaitKey(String key, Duration deadline, Duration quiet) {
        return awaitKey(key, 1, deadline, quiet);
    }

    /** As {@link #awaitKey(String, Duration, Duration)}, waiting for at least {@code count} records with the key. */
    public List<Record> awaitKey(String key, int count, Duration deadline, Duration quiet) {
        readUntil(records -> records.stream().filter(r -> key.equals(r.key())).count() >= count, deadline);
        return readFor(quiet).stream().filter(r -> key.equals(r.key())).toList();
    }

    private void pollOnce() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new java.util.HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            seen.add(new Record(record.key(), record.value(), headers));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
