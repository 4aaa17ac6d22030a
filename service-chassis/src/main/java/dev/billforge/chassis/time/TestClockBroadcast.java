package dev.billforge.chassis.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.billforge.chassis.tenancy.TenantContext;

/**
 * Moves one tenant's test clock on every service together. A move is one record on a topic, keyed by the tenant id,
 * carrying the clock's offset from real time (not the instant it reads, which would mean less the later a service
 * reads it); each service reads the whole topic from the start (no consumer group: every replica of every service sees
 * every record) and applies each tenant's largest offset to its {@link BusinessClock}. The topic keeps every record
 * (no compaction, no retention limit): with compaction only a tenant's last record would survive, and two moves
 * published at once through two services could leave the smaller one last. Test clocks move a few times per test, so
 * the topic stays small.
 * <p>
 * A service started later, or restarted, reads every move before its consumers and schedulers start (this observer
 * runs first), so it never bills on a stale clock; it refuses to start if it cannot. Runs only when test clocks are
 * enabled.
 */
@ApplicationScoped
public class TestClockBroadcast {

    private static final Logger LOG = Logger.getLogger(TestClockBroadcast.class);
    private static final Duration APPLIED_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(60);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final TestClockConfig config;
    private final BusinessClock clock;
    private final String bootstrapServers;
    private volatile KafkaProducer<String, String> producer;
    private volatile KafkaConsumer<String, String> consumer;

    public TestClockBroadcast(TestClockConfig config, BusinessClock clock,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        LOG.warn("Test clocks are enabled: a tenant's business clock can be moved through /v1/test-clock."
                + " Never enable them in production.");
        createTopic();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A move is answered at once (the broker completes a waiting fetch when data arrives); idle, the reader asks
        // every few seconds instead of twice a second.
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_WAIT.toMillis());
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        // The topic has one partition (createTopic): every move is in it, in order.
        List<TopicPartition> partitions = List.of(new TopicPartition(config.topic(), 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUp(partitions.get(0));
        Thread.ofPlatform().daemon().name("test-clock-reader").start(this::readMoves);
    }

    /** Applies every move made before this service started, before it goes on starting. */
    private void catchUp(TopicPartition partition) {
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long deadline = System.nanoTime() + CATCH_UP_DEADLINE.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read the test clock moves of " + config.topic() + " within "
                        + CATCH_UP_DEADLINE + "; starting on a stale clock would bill tenants at the wrong time");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Moves the tenant's clock to {@code target} on every service and waits until this service's clock has moved
     * (the others follow as soon as their reader receives the move).
     *
     * @return the tenant's time on this service afterwards
     */
    public Instant advanceTo(String tenantId, Instant target) {
        try {
            Duration offset = clock.offsetFor(tenantId, target);
            producer.send(new ProducerRecord<>(config.topic(), tenantId, offset.toString())).get(10,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while moving the test clock", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The test clock move could not be published: " + e, e);
        }
        long deadline = System.nanoTime() + APPLIED_DEADLINE.toNanos();
        synchronized (this) { // the reader thread notifies after each move it applies
            long left;
            while (clock.now(tenantId).isBefore(target) && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (clock.now(tenantId).isBefore(target)) {
            throw new IllegalStateException("The test clock move to " + target + " was published but not applied"
                    + " within " + APPLIED_DEADLINE + "; is the test clock reader running?");
        }
        return clock.now(tenantId);
    }

    private void readMoves() {
        try {
            while (true) {
                consumer.poll(IDLE_WAIT).forEach(this::apply);
            }
        } catch (WakeupException stopping) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.error("The test clock reader stopped; the clock no longer follows moves", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, String> move) {
        if (!TenantContext.isTenantId(move.key())) {
            // Before test clocks were per tenant, one record keyed "*" moved everyone; it means nothing now.
            LOG.debugf("Ignoring test clock record keyed %s", move.key());
            return;
        }
        Duration asked;
        try {
            asked = Duration.parse(move.value());
        } catch (RuntimeException e) { // a tombstone or a record someone wrote by hand: skip it, keep reading
            LOG.warnf("Ignoring test clock record %d of tenant %s: %s is not an ISO-8601 duration", move.offset(),
                    move.key(), move.value());
            return;
        }
        Duration offset = clock.runAhead(move.key(), asked);
        LOG.infof("Test clock of tenant %s runs %s ahead (asked: %s)", move.key(), offset, move.value());
        synchronized (this) {
            notifyAll();
        }
    }

    /** One partition (every move in order), every record kept; an older stack's compacted topic is converted. */
    private void createTopic() {
        Map<String, String> keepEverything = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(config.topic(), Optional.of(1), Optional.empty())
                        .configs(keepEverything))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
                admin.incrementalAlterConfigs(Map.of(topic, keepEverything.entrySet().stream()
                        .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
                                AlterConfigOp.OpType.SET))
                        .toList())).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create the test clock topic " + config.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the test clock topic " + config.topic(), e);
        }
    }
}
