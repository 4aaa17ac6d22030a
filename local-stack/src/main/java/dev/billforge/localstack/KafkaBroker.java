package dev.billforge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller), run as a child JVM from the jars that
 * the {@code kafka-broker} module copies from Maven Central. Everything about a broker lives in its directory
 * ({@code server.properties}, data, log, pid file), so any process can {@link #at(Path) attach} to a broker
 * another one started, to stop and restart it (the outbox test does exactly that).
 */
public final class KafkaBroker {

    private static final String PID_FILE = "broker.pid";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;

    private KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Configures (first time only) and starts a broker in {@code dir} on {@code port} (0 picks a free port). */
    public static KafkaBroker start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            if (!Files.exists(config)) {
                int brokerPort = port > 0 ? port : freePort();
                writeConfig(dir, brokerPort, freePort());
            }
            KafkaBroker broker = at(dir);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker configured in {@code dir}, running or not. */
    public static KafkaBroker at(Path dir) {
        Properties config = new Properties();
        try (var in = Files.newInputStream(dir.resolve("server.properties"))) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("No Kafka broker configured in " + dir, e);
        }
        String listener = config.getProperty("advertised.listeners");
        return new KafkaBroker(dir, Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1)));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process().map(ProcessHandle::isAlive).orElse(false);
    }

    /** Starts the broker process unless it runs, and waits until it accepts connections. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format();
            }
            Process process = new ProcessBuilder(javaCommand("kafka.Kafka", dir.resolve("server.properties").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                    .start();
            Files.writeString(dir.resolve(PID_FILE), Long.toString(process.pid()));
            awaitListening(process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka in " + dir, e);
        }
    }

    /** Stops the broker (a clean shutdown, forced after 30 s) and waits until it is gone. */
    public synchronized void stop() {
        process().ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                process.onExit().join();
            }
        });
        try {
            Files.deleteIfExists(dir.resolve(PID_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<ProcessHandle> process() {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void format() throws IOException {
        String clusterId = newClusterId();
        Process format = new ProcessBuilder(javaCommand("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                dir.resolve("server.properties").toString(), "--ignore-formatted"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("format.log").toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed; see " + dir.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(Process process) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see "
                        + dir.resolve("broker.log"));
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100); // polling a port until a child process listens; no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka did not listen on " + port + " within " + START_TIMEOUT);
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-cp", brokerLibDir().resolve("*").toString(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Where kafka-broker put the broker's jars: {@code BILLFORGE_KAFKA_BROKER_LIB} when set, else
     * {@code kafka-broker/target/broker-lib} in the nearest enclosing checkout of this repository.
     */
    static Path brokerLibDir() {
        String configured = System.getenv("BILLFORGE_KAFKA_BROKER_LIB");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lib = dir.resolve("kafka-broker").resolve("target").resolve("broker-lib");
            if (Files.isDirectory(lib)) {
                return lib;
            }
        }
        throw new IllegalStateException("Kafka broker jars not found: build the kafka-broker module first "
                + "(./mvnw -pl kafka-broker generate-resources) or set BILLFORGE_KAFKA_BROKER_LIB");
    }

    private static void writeConfig(Path dir, int port, int controllerPort) throws IOException {
        String config = String.join("\n",
                "# A single-node KRaft broker for local use and tests; written by local-stack's KafkaBroker.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
        Files.writeString(dir.resolve("server.properties"), config);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * A random cluster id. Like Kafka's own {@code Uuid.randomUuid()}, never one starting with '-': the storage tool
     * would read it as an option and refuse to format (about one run in 64 failed that way).
     */
    static String newClusterId() {
        String id;
        do {
            id = toKafkaUuid(UUID.randomUUID());
        } while (id.startsWith("-"));
        return id;
    }

    /** Kafka cluster ids are base64url UUIDs without padding. */
    private static String toKafkaUuid(UUID uuid) {
        var bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
