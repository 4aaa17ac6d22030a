package dev.billforge.deploy;

import static dev.billforge.deploy.RenderedChart.DEPLOYABLES;
import static dev.billforge.deploy.RenderedChart.container;
import static dev.billforge.deploy.RenderedChart.ofKind;
import static dev.billforge.deploy.RenderedChart.podSpec;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.InternetAddress;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.icegreen.greenmail.util.GreenMail;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.billforge.localstack.IngressGateway;
import dev.billforge.localstack.KafkaBroker;
import dev.billforge.localstack.PostgresServer;
import dev.billforge.testsupport.RedisServer;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.mail.SmtpTestResource;
import dev.billforge.testsupport.stripe.StripeStandIn;

/**
 * The chart, deployed. The images {@code deploy/images/build.sh} builds from this build's jars run as the chart
 * renders them: its Deployments and ConfigMaps become pods under {@code podman kube play}, on the host network,
 * with the Secrets its values name, against the real Postgres and a real Kafka broker. Every readiness probe must answer, then a paid
 * subscription goes through the ingress route table. Anything the chart and the images disagree on (an env var name, a
 * port, a probe path, the user, a secret key, an image name) keeps a pod from starting or from turning ready, and
 * fails here.
 *
 * <p>
 * Not played: the Services (one host has no cluster DNS or kube-proxy: each pod listens on its own containerPort of
 * the host network instead, and the console, which calls the services by their Service names, is only checked for
 * readiness), the Ingress (the ingress stand-in reads the same routes.yaml the Ingress is rendered from), and the
 * HorizontalPodAutoscalers and PodDisruptionBudgets (no controller acts on them here; replicas are set to 1).
 * {@code podman kube play} cannot take those kinds; {@link HelmChartTest} covers how they render.
 */
class ChartOnPodsTest {

    private static final Path ROOT = Path.of(System.getProperty("billforge.root", "../../..")).toAbsolutePath()
            .normalize();
    private static final Path WORK = Path.of("target", "pods").toAbsolutePath();
    private static final Set<String> PLAYED_KINDS = Set.of("Deployment", "ConfigMap");
    private static final String DATABASE = "billforge_pods";
    private static final String POSTGRES_SECRET = "billforge-pods-postgres";
    private static final String SEALING_SECRET = "billforge-pods-secrets";
    /** Six JVMs starting at once on two cores, after the image build. */
    private static final Duration READY_DEADLINE = Duration.ofMinutes(5);
    private static final Duration FLOW_DEADLINE = Duration.ofSeconds(90);

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static StripeStandIn stripe;
    private static GreenMail smtp;
    private static IngressGateway ingress;
    private static Path played;
    private static List<Map<String, Object>> deployments;
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    private final String tenant = "tenant-" + UUID.randomUUID();

    @BeforeAll
    static void deployTheChart() throws IOException {
        Files.createDirectories(WORK.resolve("logs"));
        run(Duration.ofMinutes(10), WORK.resolve("logs/images.log"), "bash",
                ROOT.resolve("deploy/images/build.sh").toString(), "--skip-maven");

        postgres = PostgresServer.ensureRunning("127.0.0.1", 5432, WORK.resolve("postgres"));
        postgres.recreateDatabase(DATABASE);
        kafka = KafkaBroker.start(Files.createTempDirectory(WORK, "kafka-"), 0);
        stripe = StripeStandIn.start();
        smtp = SmtpTestResource.start(0);
        for (String deployable : DEPLOYABLES) {
            PORTS.put(deployable, freePort());
        }

        Path values = WORK.resolve("values.yaml");
        Files.writeString(values, new Yaml().dump(values()));
        List<Map<String, Object>> documents = RenderedChart.render(RenderedChart.template().withValuesFile(values));
        deployments = ofKind(documents, "Deployment");
        createExistingSecrets(); // the chart never creates them: an operator does, as here
        List<Map<String, Object>> pods = documents.stream()
                .filter(document -> PLAYED_KINDS.contains(document.get("kind"))).map(ChartOnPodsTest::withoutPorts)
                .toList();
        played = WORK.resolve("played.yaml");
        DumperOptions block = new DumperOptions();
        block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(played, new Yaml(block).dumpAll(pods.iterator()));

        for (Map<String, Object> deployment : deployments) { // kube play would try a registry, unreachable here
            String image = container(deployment).get("image").toString();
            assertEquals(0, exitCode("podman", "image", "exists", image),
                    "the chart names the image " + image + ", which deploy/images/build.sh did not build");
        }
        exitCode("podman", "--runtime", "runc", "kube", "play", "--down", played.toString()); // an earlier run's
        run(Duration.ofMinutes(3), WORK.resolve("logs/kube-play.log"), "podman", "--runtime", "runc", "kube", "play",
                "--network", "host", played.toString());
        awaitEveryReadinessProbe();

        Map<String, URI> upstreams = new LinkedHashMap<>();
        PORTS.forEach((deployable, port) -> upstreams.put(deployable, URI.create("http://127.0.0.1:" + port)));
        ingress = IngressGateway.start(0, RenderedChart.CHART.resolve("routes.yaml"), upstreams);
    }

    @AfterAll
    static void tearDown() {
        if (played != null) {
            for (String container : containers()) {
                exitCode(WORK.resolve("logs").resolve(container + ".log"), "podman", "logs", container);
            }
            exitCode(WORK.resolve("logs/kube-down.log"), "podman", "--runtime", "runc", "kube", "play", "--down",
                    played.toString());
            exitCode("podman", "secret", "rm", POSTGRES_SECRET, SEALING_SECRET);
        }
        if (ingress != null) {
            ingress.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (stripe != null) {
            stripe.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void everyPodRunsAsTheChartSaysFromItsImage() throws IOException {
        List<String> running = containers();
        StringBuilder figures = new StringBuilder(String.format("%-22s %10s %12s %10s%n", "deployable", "image MB",
                "started in", "RSS MB"));
        for (Map<String, Object> deployment : deployments) {
            String deployable = container(deployment).get("name").toString();
            String container = running.stream().filter(name -> name.endsWith("-" + deployable)).findFirst()
                    .orElseThrow(() -> new AssertionError("no container for " + deployable + " in " + running));
            // The process itself, seen from the host: the chart's user (uid 1001), on a read-only root filesystem.
            String pid = output("podman", "inspect", "--format", "{{.State.Pid}}", container).strip();
            String uid = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
            assertEquals("1001", uid, deployable + " runs as the chart's runAsUser");
            figures.append(figures(deployable, container, pid));
            assertEquals("true", output("podman", "inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", container)
                    .strip(), deployable + " has a read-only root filesystem");
            assertEquals("1001", ((Map<?, ?>) podSpec(deployment).get("securityContext")).get("runAsUser")
                    .toString());
        }
        assertEquals(DEPLOYABLES.size(), deployments.size());
        // What the README's "Deploy to Kubernetes" quotes: measured on this machine, all six starting at once.
        Files.writeString(WORK.resolve("figures.txt"), figures);
        System.out.print(figures);
    }

    /** One line of figures: the image's size, Quarkus' own start-up time and the JVM's resident memory. */
    private static String figures(String deployable, String container, String pid) throws IOException {
        long imageBytes = Long.parseLong(output("podman", "image", "inspect", "--format", "{{.Size}}",
                container(deployments.stream().filter(deployment -> deployable.equals(container(deployment)
                        .get("name"))).findFirst().orElseThrow()).get("image").toString()).strip());
        String startedIn = output("podman", "logs", container).lines().map(line -> line.replaceAll(
                ".*started in ([0-9.]+s).*", "$1")).filter(line -> line.matches("[0-9.]+s")).findFirst().orElse("?");
        long rssKb = Long.parseLong(Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst().orElseThrow().replaceAll("\\D", ""));
        return String.format("%-22s %10d %12s %10d%n", deployable, imageBytes / 1_000_000, startedIn, rssKb / 1024);
    }

    @Test
    void aPaidSubscriptionGoesThroughThePods() {
        as().body(Map.of("secret_key", "sk_test_51Pods" + UUID.randomUUID().toString().replaceAll("[-0-9]", ""),
                "webhook_signing_secret", "whsec_pods" + UUID.randomUUID().toString().replaceAll("[-0-9]", "")))
                .put("/v1/provider-accounts/stripe").then().statusCode(200);
        String email = "billing+" + UUID.randomUUID() + "@example.com";
        String customer = create("/v1/customers", Map.of("billing_email", email, "name", "Ada Lovelace"));
        create("/v1/payment-methods", Map.of("customer_id", customer, "provider", "stripe", "token", "pm_card_visa"));
        String plan = create("/v1/plans", Map.of("name", "Gold monthly", "amount", 1999, "currency", "USD",
                "interval", "month"));
        String subscription = create("/v1/subscriptions", Map.of("customer_id", customer, "plan_id", plan));

        JsonPath invoice = awaitOne("/v1/invoices?subscription_id=" + subscription, "status", "paid");
        assertEquals(1999, invoice.getInt("data[0].amount_paid"));
        String invoiceId = invoice.getString("data[0].id");
        JsonPath payment = awaitOne("/v1/payments?invoice_id=" + invoiceId, "status", "succeeded");
        assertEquals("stripe", payment.getString("data[0].provider"));
        Awaitility.await("subscription active").atMost(FLOW_DEADLINE).until(() -> "active".equals(
                as().get("/v1/subscriptions/" + subscription).then().extract().path("status")));
        Awaitility.await("the receipt, by SMTP").atMost(FLOW_DEADLINE).until(() -> Arrays
                .stream(smtp.getReceivedMessages()).filter(message -> {
                    try {
                        return email.equals(((InternetAddress) message.getAllRecipients()[0]).getAddress());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), Objects::nonNull);
        // The PDF is drawn with java.desktop's font code: the jlink-ed runtime has what it needs.
        byte[] pdf = as().get("/v1/invoices/" + invoiceId + "/pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    }

    /** The values an operator would give, pointed at this host's Postgres, Kafka, Redis, SMTP and Stripe stand-in. */
    private static Map<String, Object> values() throws IOException {
        Map<String, Object> services = new LinkedHashMap<>();
        for (String deployable : DEPLOYABLES) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("replicas", 1);
            service.put("autoscaling", Map.of("enabled", false));
            // One host network for all: each pod on a port of its own, as services.<name>.containerPort allows.
            service.put("containerPort", PORTS.get(deployable));
            services.put(deployable, service);
        }
        ((Map<String, Object>) services.get("notification-service")).put("extraEnv", List.of(
                env("BILLFORGE_SMTP_HOST", "127.0.0.1"),
                env("BILLFORGE_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort())),
                env("BILLFORGE_SMTP_START_TLS", "DISABLED"), // GreenMail speaks plain SMTP
                env("BILLFORGE_MAIL_FROM", "billing@example.com")));
        ((Map<String, Object>) services.get("payment-service")).put("extraEnv", List.of(
                env("BILLFORGE_STRIPE_API_BASE", stripe.baseUrl())));

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image", Map.of("registry", "localhost", "pullPolicy", "Never"));
        values.put("postgres", Map.of("host", postgres.host(), "port", postgres.port(), "database", DATABASE,
                "user", PostgresServer.USER, "passwordSecret", Map.of("name", POSTGRES_SECRET, "key", "password")));
        values.put("kafka", Map.of("bootstrapServers", kafka.bootstrapServers()));
        values.put("redis", Map.of("url", RedisServer.ensureRunning().url()));
        values.put("jwt", Map.of("issuer", TestTokens.ISSUER, "publicKeyPem", resource("billforge-test-jwt/public.pem")));
        values.put("secrets", Map.of("existingSecret", SEALING_SECRET));
        values.put("services", services);
        return values;
    }

    /**
     * The Secrets the chart's values name, as an operator creates them ({@code kubectl create secret generic}). Here
     * they are podman secrets, which is where kube play looks up a {@code secretKeyRef}: podman 4.3 keeps a Secret
     * document played with the Deployments in a form its own lookup then cannot read.
     */
    private static void createExistingSecrets() throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        java.security.SecureRandom random = new java.security.SecureRandom();
        createSecret(POSTGRES_SECRET, Map.of("password", "trust-auth-ignores-it"));
        createSecret(SEALING_SECRET, Map.of("keys", "pods:" + base64.encodeToString(random.generateSeed(32)),
                "active-key-id", "pods", "blind-index-key", base64.encodeToString(random.generateSeed(32)),
                "console-csrf-key", base64.encodeToString(random.generateSeed(32))));
    }

    /** A podman secret holding a Kubernetes Secret's data: each key's value, base64-encoded, as JSON. */
    private static void createSecret(String name, Map<String, String> entries) throws IOException {
        StringBuilder json = new StringBuilder("{");
        entries.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                .append("\":\"").append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .append('"'));
        Path data = WORK.resolve(name + ".json");
        Files.writeString(data, json.append('}'));
        exitCode("podman", "secret", "rm", name); // left by an earlier run, if any
        run(Duration.ofMinutes(1), WORK.resolve("logs/secrets.log"), "podman", "secret", "create", name,
                data.toString());
    }

    /**
     * The Deployment without its containers' {@code ports}: podman 4.3 turns every declared port into a port
     * mapping, which the host network refuses. Each container still listens on its port (QUARKUS_HTTP_PORT), and the
     * readiness probes are resolved against the ports as rendered.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutPorts(Map<String, Object> document) {
        if ("Deployment".equals(document.get("kind"))) {
            Map<String, Object> copy = new Yaml().load(new Yaml().dump(document));
            ((List<Map<String, Object>>) podSpec(copy).get("containers")).forEach(container -> container.remove("ports"));
            return copy;
        }
        return document;
    }

    private static Map<String, String> env(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    /**
     * Polls each Deployment's readiness probe, read from the rendered manifest (path and named port), until it
     * answers 200; a container that exits fails at once, with its log.
     */
    @SuppressWarnings("unchecked")
    private static void awaitEveryReadinessProbe() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> container = container(deployment);
            String deployable = container.get("name").toString();
            Map<String, Object> probe = (Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe"))
                    .get("httpGet");
            Object port = probe.get("port");
            if (port instanceof String name) {
                port = ((List<Map<String, Object>>) container.get("ports")).stream()
                        .filter(candidate -> name.equals(candidate.get("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError(deployable + "'s probe names the port " + name
                                + ", which its container does not declare"))
                        .get("containerPort");
            }
            URI ready = URI.create("http://127.0.0.1:" + port + probe.get("path"));
            Awaitility.await(deployable + " ready at " + ready).atMost(READY_DEADLINE)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        String running = containers().stream().filter(name -> name.endsWith("-" + deployable))
                                .findFirst().orElseThrow(() -> new AssertionError(deployable + " has no container"));
                        String state = output("podman", "inspect", "--format", "{{.State.Status}}", running).strip();
                        if (!state.equals("running")) {
                            throw new AssertionError(deployable + "'s container is " + state + ":\n"
                                    + output("podman", "logs", "--tail", "40", running));
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        }
    }

    /** The names of the containers kube play started ({pod}-{container}; not the pods' infra containers). */
    private static List<String> containers() {
        return output("podman", "ps", "--all", "--format", "{{.Names}}").lines()
                .filter(name -> name.startsWith("billforge-"))
                .filter(name -> DEPLOYABLES.stream().anyMatch(deployable -> name.endsWith("-" + deployable))).toList();
    }

    private RequestSpecification as() {
        return given().baseUri("http://127.0.0.1:" + ingress.port()).auth().oauth2(TestTokens.admin(tenant))
                .contentType(ContentType.JSON);
    }

    private String create(String path, Map<String, Object> body) {
        return as().body(body).post(path).then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private JsonPath awaitOne(String path, String field, String expected) {
        return Awaitility.await(path + " has one record with " + field + "=" + expected).atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> as().get(path).then().statusCode(200).extract().jsonPath(),
                        json -> json.getList("data").size() == 1 && expected.equals(json.getString("data[0]." + field)));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ChartOnPodsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command to completion, its output to {@code log}; fails the test when it does not exit 0. */
    private static void run(Duration deadline, Path log, String... command) {
        int exit = exitCode(deadline, log, command);
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + exit + "; see " + log + ":\n"
                    + tail(log));
        }
    }

    private static int exitCode(String... command) {
        return exitCode(Duration.ofMinutes(1), null, command);
    }

    private static int exitCode(Path log, String... command) {
        return exitCode(Duration.ofMinutes(1), log, command);
    }

    private static int exitCode(Duration deadline, Path log, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(ROOT.toFile());
            builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
            Process process = builder.start();
            if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + deadline);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(command[0] + " could not run (podman and runc: apt-get install podman runc)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
