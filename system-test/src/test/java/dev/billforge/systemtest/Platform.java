package dev.billforge.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;

import dev.billforge.localstack.IngressGateway;
import dev.billforge.localstack.KafkaBroker;
import dev.billforge.localstack.PostgresServer;
import dev.billforge.testsupport.RedisServer;
import dev.billforge.testsupport.mail.SmtpTestResource;
import dev.billforge.testsupport.paypal.PayPalStandIn;
import dev.billforge.testsupport.stripe.StripeStandIn;

/**
 * The whole platform as production runs it, on one machine: each service is its own JVM started from its packaged
 * {@code target/quarkus-app}, with the real Postgres (a fresh database), a real Kafka broker and the ingress
 * stand-in reading the Helm chart's route table. Logs go to {@code system-test/target/platform/logs}.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = List.of("customer-service", "subscription-service", "invoicing-service",
            "payment-service", "notification-service");
    /** GraphQL and the web console: owns no data, calls the five services' REST APIs; started after them. */
    static final String CONSOLE = "console-service";
    private static final String DATABASE = "billforge_system";
    private static final Duration STARTUP = Duration.ofMinutes(4);
    /** Each tenant's writes per window on every service (the chassis' rate limits, counted in Redis). */
    static final int WRITES_PER_WINDOW = 60;
    static final Duration RATE_LIMIT_WINDOW = Duration.ofSeconds(20);
    /** Seals tenants' provider credentials in this run only: 32 fresh random bytes. */
    private static final String SECRETS_KEY = java.util.Base64.getEncoder()
            .encodeToString(new java.security.SecureRandom().generateSeed(32));
    /** Keys the blind index of customers' emails in this run only. */
    private static final String BLIND_INDEX_KEY = java.util.Base64.getEncoder()
            .encodeToString(new java.security.SecureRandom().generateSeed(32));

    private final Path root = Path.of(System.getProperty("billforge.root", "..")).toAbsolutePath().normalize();
    private final Path work = root.resolve("system-test/target/platform");
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, URI> upstreams = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private Path publicKey;
    /** The test key the local development sign-in signs with (the services trust its public half). */
    private Path privateKey;
    private PostgresServer postgres;
    private RedisServer redis;
    private KafkaBroker broker;
    private StripeStandIn stripe;
    private GreenMail smtp;
    private PayPalStandIn paypal;
    private OtlpReceiver traces;
    private IngressGateway gateway;
    private URI gatewayUri;

    private static Platform shared;

    /**
     * The platform every system test class of this run shares, started by the first one to ask (starting five JVMs
     * takes a minute on two cores: once is enough) and stopped when the test JVM exits.
     */
    static synchronized Platform shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "platform-stop"));
        }
        return shared;
    }

    static Platform start() {
        Platform platform = new Platform();
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    /** The Stripe stand-in payment-service's Stripe gateway talks to (stripe-java, Stripe's wire format). */
    String stripeBase() {
        return stripe.baseUrl();
    }

    /** The PayPal stand-in payment-service's PayPal client talks to (PayPal's REST wire format). */
    String paypalBase() {
        return paypal.baseUrl();
    }

    /** The OTLP receiver every service exports its spans to. */
    OtlpReceiver traces() {
        return traces;
    }

    /** The SMTP server notification-service sends its emails to (GreenMail, in this JVM). */
    GreenMail smtp() {
        return smtp;
    }

    /** Everything the service processes printed, to check that no secret was ever logged. */
    String serviceLogs() {
        StringBuilder logs = new StringBuilder();
        for (String service : java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of(CONSOLE))
                .toList()) {
            try {
                logs.append(Files.readString(work.resolve("logs").resolve(service + ".log")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return logs.toString();
    }

    /**
     * What {@code pg_dump} (the machine's PostgreSQL client) writes for this run's database: every schema, every
     * row, as an operator's backup would hold it.
     */
    String pgDump() {
        try {
            Path dump = Files.createTempFile(work, "dump-", ".sql");
            Process process = new ProcessBuilder("pg_dump", "--host", postgres.host(), "--port",
                    Integer.toString(postgres.port()), "--username", PostgresServer.USER, "--no-password",
                    "--file", dump.toString(), DATABASE).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_dump failed: " + output);
            }
            return Files.readString(dump);
        } catch (IOException e) {
            throw new UncheckedIOException("pg_dump could not run (Debian: apt-get install postgresql-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each billing service process's own address, bypassing the ingress: to check that all of them saw a change. */
    Map<String, URI> services() {
        Map<String, URI> services = new LinkedHashMap<>(upstreams);
        services.remove(CONSOLE);
        return Map.copyOf(services);
    }

    /** console-service's own address, bypassing the ingress: its metrics count the REST calls it made. */
    URI console() {
        return upstreams.get(CONSOLE);
    }

    /** The Kafka broker the services publish to: to read what they published, as another team's consumer would. */
    String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The ingress: where clients send every request. */
    URI gateway() {
        return gatewayUri;
    }

    private Path copyResource(String resource, String file) throws IOException {
        Path copy = work.resolve(file);
        try (InputStream content = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private void startAll() {
        try {
            Files.createDirectories(work.resolve("logs"));
            postgres = PostgresServer.ensureRunning("127.0.0.1", 5432, work.resolve("postgres"));
            postgres.recreateDatabase(DATABASE);
            redis = RedisServer.ensureRunning();
            broker = KafkaBroker.start(Files.createTempDirectory(work, "kafka-"), 0);
            stripe = StripeStandIn.start();
            smtp = SmtpTestResource.start(0);
            paypal = PayPalStandIn.start();
            traces = OtlpReceiver.start();
            publicKey = copyResource("billforge-test-jwt/public.pem", "jwt-public.pem");
            privateKey = copyResource("billforge-test-jwt/private.pem", "jwt-private.pem");
            for (String service : SERVICES) {
                startService(service, freePort());
            }
            startService(CONSOLE, freePort());
            gateway = IngressGateway.start(0, root.resolve("deploy/helm/billforge/routes.yaml"), upstreams);
            gatewayUri = URI.create("http://127.0.0.1:" + gateway.port());
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One more instance of {@code service} configured as the Helm chart configures production: nothing but the
     * database, the JWT key, the sealing keys and Redis; no simulator, no test clocks. It has a database of its own and
     * a Kafka address nothing listens on, so it never joins this run's consumer groups or sees its data.
     */
    ProductionInstance startWithProductionConfiguration(String service) {
        String database = "billforge_production_check";
        postgres.recreateDatabase(database);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", root.resolve(service)
                        .resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve(service + "-production.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("BILLFORGE_"));
        env.put("BILLFORGE_HTTP_PORT", Integer.toString(port));
        env.put("BILLFORGE_DB_HOST", postgres.host());
        env.put("BILLFORGE_DB_PORT", Integer.toString(postgres.port()));
        env.put("BILLFORGE_DB_NAME", database);
        env.put("BILLFORGE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort());
        env.put("BILLFORGE_JWT_PUBLIC_KEY_LOCATION", publicKey.toString());
        env.put("BILLFORGE_SECRETS_KEYS", "system-test:" + SECRETS_KEY);
        env.put("BILLFORGE_SECRETS_ACTIVE_KEY_ID", "system-test");
        env.put("BILLFORGE_SECRETS_BLIND_INDEX_KEY", BLIND_INDEX_KEY);
        env.put("BILLFORGE_REDIS_URL", redis.url());
        try {
            Process process = builder.start();
            URI uri = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await(service + " (production configuration) started").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(service + " (production configuration) exited; see "
                                    + service + "-production.log");
                        }
                        // Quarkus opens its HTTP port once started; its health stays DOWN without a Kafka broker.
                        try {
                            http.send(HttpRequest.newBuilder(uri.resolve("/q/health/live")).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return new ProductionInstance(uri, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service instance started by {@link #startWithProductionConfiguration}; closing it stops it. */
    record ProductionInstance(URI uri, Process process) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private void startService(String service, int port) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds "
                    + "them before this module)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve(service + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("BILLFORGE_HTTP_PORT", Integer.toString(port));
        env.put("BILLFORGE_DB_HOST", postgres.host());
        env.put("BILLFORGE_DB_PORT", Integer.toString(postgres.port()));
        env.put("BILLFORGE_DB_NAME", DATABASE);
        env.put("BILLFORGE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("BILLFORGE_JWT_PUBLIC_KEY_LOCATION", publicKey.toString());
        env.put("BILLFORGE_SECRETS_KEYS", "system-test:" + SECRETS_KEY);
        env.put("BILLFORGE_SECRETS_ACTIVE_KEY_ID", "system-test");
        env.put("BILLFORGE_SECRETS_BLIND_INDEX_KEY", BLIND_INDEX_KEY);
        env.put("BILLFORGE_REDIS_URL", redis.url());
        // Quotas small enough for a test to exceed with a burst, and reads ample for the tests' polling.
        env.put("BILLFORGE_RATE_LIMIT_WINDOW", RATE_LIMIT_WINDOW.toSeconds() + "s");
        env.put("BILLFORGE_RATE_LIMIT_WRITES", Integer.toString(WRITES_PER_WINDOW));
        env.put("BILLFORGE_RATE_LIMIT_READS", "1000000");
        env.put("BILLFORGE_STRIPE_API_BASE", stripe.baseUrl());
        env.put("BILLFORGE_PAYPAL_API_BASE", paypal.baseUrl());
        // The test walks schedules (dunning) by moving every service's business clock together.
        env.put("BILLFORGE_TEST_CLOCK_ENABLED", "true");
        env.put("BILLFORGE_PAYMENT_PROVIDERS_SIMULATOR_ENABLED", "true"); // tests pay with its test cards
        env.put("BILLFORGE_PAYMENT_DUNNING_INTERVAL", "1s");
        // Every test's charges left without an answer are asked again after 10 s instead of 30 s (production): the
        // provider-window crash test waits for that.
        env.put("BILLFORGE_PAYMENT_RECOVERY_STUCK_AFTER", "10s");
        env.put("BILLFORGE_SUBSCRIPTION_BILL_RUN_INTERVAL", "1s");
        // Small batches: the crash test needs a bill run of many transactions to kill one in the middle of.
        env.put("BILLFORGE_SUBSCRIPTION_BILL_RUN_BATCH_SIZE", "20");
        env.put("BILLFORGE_SMTP_HOST", "127.0.0.1");
        env.put("BILLFORGE_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("BILLFORGE_SMTP_START_TLS", "DISABLED");
        env.put("BILLFORGE_WEBHOOKS_ALLOW_LOOPBACK", "true"); // the test's webhook receiver listens on loopback
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // Tracing on, as the chart's tracing.enabled sets it, towards this run's OTLP receiver. No new journey is
        // sampled (ratio 0): only those whose client sends a sampled traceparent, as TracingSystemTest does.
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        if (service.equals(CONSOLE)) {
            for (String upstream : SERVICES) { // e.g. BILLFORGE_INVOICING_SERVICE_URL, as the Helm chart sets it
                env.put("BILLFORGE_" + upstream.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL",
                        upstreams.get(upstream).toString());
            }
            // People sign in as on the local stack: the code flow against the console's development sign-in
            env.put("BILLFORGE_CONSOLE_SIGN_IN_ENABLED", "true");
            env.put("BILLFORGE_CONSOLE_DEV_SIGN_IN", "true");
            env.put("BILLFORGE_CONSOLE_OIDC_URL", "http://127.0.0.1:" + port + "/dev-sign-in");
            env.put("BILLFORGE_CONSOLE_OIDC_CLIENT_SECRET", "system-test-" + UUID.randomUUID());
            env.put("BILLFORGE_JWT_PRIVATE_KEY_LOCATION", privateKey.toString());
        }
        processes.put(service, builder.start());
        ports.put(service, port);
        upstreams.put(service, URI.create("http://127.0.0.1:" + port));
    }

    /** Kills the service's process as a crash would (SIGKILL: no shutdown, transactions cut off mid-way). */
    void kill(String service) {
        Process process = processes.get(service);
        process.destroyForcibly();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isRunning(String service) {
        return processes.get(service).isAlive();
    }

    /**
     * Starts a stopped service again on its port (the ingress keeps routing to it) and waits until it is ready and
     * its consumers own their partitions again: after a kill the broker keeps the dead consumers' partitions until
     * their sessions expire, and a test that ran on at once would see events wait for that.
     */
    void restart(String service) {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Set<String> deadConsumers = consumers(kafka, service).map(group -> group.members().stream()
                    .map(MemberDescription::consumerId).collect(Collectors.toSet())).orElse(Set.of());
            Files.move(work.resolve("logs").resolve(service + ".log"),
                    work.resolve("logs").resolve(service + "-" + System.currentTimeMillis() + ".log"));
            startService(service, ports.get(service));
            awaitReady();
            if (deadConsumers.isEmpty()) {
                return; // a service without consumers (customer-service), or one that left its group cleanly
            }
            Awaitility.await(service + "'s consumers own their partitions again").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500)).until(() -> consumers(kafka, service), found -> found
                            .filter(group -> group.groupState() == GroupState.STABLE && !group.members().isEmpty()
                                    && group.members().stream().noneMatch(m -> deadConsumers.contains(m.consumerId())))
                            .isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's consumer group (each service's group is named after it). */
    private static Optional<ConsumerGroupDescription> consumers(Admin kafka, String service) throws IOException {
        try {
            return Optional.of(kafka.describeConsumerGroups(List.of(service)).describedGroups().get(service)
                    .get(10, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty(); // the service has no consumers
            }
            throw new IOException("Cannot describe consumer group " + service, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("Cannot describe consumer group " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A connection to the platform's database: to look at what the services did (and to seed the crash test). */
    java.sql.Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(postgres.jdbcUrl(DATABASE), PostgresServer.USER, "");
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("all services ready").atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (var service : upstreams.entrySet()) {
                        Process process = processes.get(service.getKey());
                        if (!process.isAlive()) {
                            throw new IllegalStateException(service.getKey() + " exited with " + process.exitValue()
                                    + "; see " + work.resolve("logs").resolve(service.getKey() + ".log"));
                        }
                        try {
                            var response = http.send(HttpRequest.newBuilder(service.getValue().resolve("/q/health/ready"))
                                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                return false;
                            }
                        } catch (IOException e) {
                            return false; // not listening yet
                        }
                    }
                    return true;
                });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> stopping = new ArrayList<>();
        processes.values().forEach(process -> {
            process.destroy(); // SIGTERM: Quarkus shuts down gracefully
            stopping.add(process.toHandle());
        });
        stopping.forEach(handle -> {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (stripe != null) {
            stripe.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (paypal != null) {
            paypal.close();
        }
        if (traces != null) {
            traces.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
