package dev.billforge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.billforge.localstack.KafkaBroker;

/**
 * A real Kafka broker (KRaft, child JVM) for a service's tests, on free ports. Its directory is published as the
 * system property {@value #BROKER_DIR_PROPERTY}, so a test can {@link #broker() attach} to it and stop or restart it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BROKER_DIR_PROPERTY = "testsupport.kafka-broker-dir";

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-");
            broker = KafkaBroker.start(dir, 0);
            System.setProperty(BROKER_DIR_PROPERTY, dir.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop)); // never leave a broker behind
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    /** The broker the running tests use. */
    public static KafkaBroker broker() {
        return KafkaBroker.at(Path.of(System.getProperty(BROKER_DIR_PROPERTY)));
    }
}
