package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What the platform published, checked as another team's consumer would check it: knowing only the published
 * contract ({@code events/asyncapi.yaml} and the JSON Schemas it refers to, read by {@link PublishedEventContract}),
 * never the producers' classes. It reads every documented topic from its first offset and checks every record.
 *
 * <p>It drives one paid subscription itself, so that run alone it still sees the core events; and it runs after the
 * other system test classes of the run ({@link ByOrderThenClassName}), so it also checks every event their journeys
 * (dunning, refunds, plan changes, bill runs...) made the services publish.
 */
@Order(Integer.MAX_VALUE)
class PublishedEventsSystemTest extends SystemTestBase {

    /** The document, found as Platform finds the services (the multi-module root, else this module's parent). */
    private static final Path DOCUMENT = Path.of(System.getProperty("billforge.root", ".."))
            .resolve("events/asyncapi.yaml");
    /** What one paid subscription publishes, at least: if these are not read, the check proved nothing. */
    private static final Set<String> PAID_SUBSCRIPTION = Set.of("subscription.created", "invoice.finalized",
            "payment.succeeded", "invoice.paid");
    /** A topic named like an event type ({@code <aggregate>.<happening>}), as the envelope's {@code type} is. */
    private static final Pattern EVENT_TOPIC = Pattern.compile("^[a-z_]+\\.[a-z_]+$");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int PROBLEMS_SHOWN = 40;

    private final PublishedEventContract contract = PublishedEventContract.read(DOCUMENT);
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> recordsByType = new TreeMap<>();
    private final Set<String> thisTenantsTypes = new HashSet<>();

    @Test
    void everyRecordOnEveryDocumentedTopicIsAnEventTheContractDescribes() {
        Flow flow = subscribeWithCard("tok_visa");
        awaitActive(flow);

        Set<String> undocumented = new TreeSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "published-events-system-test",
                // Assigned partitions, no consumer group: nothing is committed, no service's group is joined.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A documented topic nothing has published to yet stays absent rather than made by this reader.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            Set<String> onBroker = consumer.listTopics(FLOW_DEADLINE).keySet();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : contract.topics()) {
                if (onBroker.contains(topic)) {
                    consumer.partitionsFor(topic, FLOW_DEADLINE)
                            .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            // The relay publishes after each commit: wait for this test's subscription's events to be read...
            awaitOrReport("this test's " + PAID_SUBSCRIPTION + " read from their topics", () -> {
                consumer.poll(POLL).forEach(this::check);
                return thisTenantsTypes.containsAll(PAID_SUBSCRIPTION);
            });
            // ...then read every topic to where it ends now: everything the run published so far.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            awaitOrReport("every documented topic read to its end", () -> {
                consumer.poll(POLL).forEach(this::check);
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });

            // A record on a topic named like an event type that the document leaves out is an event nobody was told of.
            consumer.listTopics(FLOW_DEADLINE).forEach((topic, partitionsOfTopic) -> {
                if (EVENT_TOPIC.matcher(topic).matches() && !contract.topics().contains(topic)) {
                    List<TopicPartition> all = partitionsOfTopic.stream()
                            .map(partition -> new TopicPartition(topic, partition.partition())).toList();
                    if (consumer.endOffsets(all).values().stream().anyMatch(end -> end > 0)) {
                        undocumented.add(topic);
                    }
                }
            });
        }

        assertTrue(problems.isEmpty(), problems.size() + " of " + total() + " records break the published contract"
                + report());
        assertEquals(Set.of(), undocumented, "topics named like event types, with records, that events/asyncapi.yaml "
                + "does not describe");
        System.out.printf("Checked %d records against events/asyncapi.yaml: %s%n", total(), recordsByType);
    }

    private void check(ConsumerRecord<String, String> record) {
        PublishedEventContract.Checked checked = contract.check(record);
        recordsByType.merge(String.valueOf(checked.type()), 1, Integer::sum);
        if (tenant.equals(checked.tenant())) {
            thisTenantsTypes.add(checked.type());
        }
        checked.problems().forEach(problem -> problems.add(record.topic() + " partition " + record.partition()
                + " offset " + record.offset() + ": " + problem));
    }

    /** Awaits {@code condition}, reading records as it goes; a timeout also says what was wrong with what was read. */
    private void awaitOrReport(String what, Callable<Boolean> condition) {
        try {
            // In this thread: the Kafka consumer is not to be used from another.
            Awaitility.await(what).atMost(FLOW_DEADLINE).pollInSameThread().pollInterval(Duration.ofMillis(50))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            fail(e.getMessage() + "; read so far: " + recordsByType + "; records that break the contract: "
                    + problems.size() + report(), e);
        }
    }

    private int total() {
        return recordsByType.values().stream().mapToInt(Integer::intValue).sum();
    }

    private String report() {
        if (problems.isEmpty()) {
            return "";
        }
        List<String> shown = problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()));
        return ":\n  " + String.join("\n  ", shown)
                + (problems.size() > shown.size() ? "\n  ... and " + (problems.size() - shown.size()) + " more" : "");
    }
}
