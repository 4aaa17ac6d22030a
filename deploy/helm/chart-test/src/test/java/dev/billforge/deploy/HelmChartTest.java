package dev.billforge.deploy;

import static dev.billforge.deploy.RenderedChart.CHART;
import static dev.billforge.deploy.RenderedChart.container;
import static dev.billforge.deploy.RenderedChart.env;
import static dev.billforge.deploy.RenderedChart.ofKind;
import static dev.billforge.deploy.RenderedChart.render;
import static dev.billforge.deploy.RenderedChart.secretName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart as Helm renders it for a minimal install: every service gets the shared sealing keys and Redis and the
 * rate limits; the chart refuses to render without its required values, and refuses any way of turning the payment
 * simulator on.
 */
class HelmChartTest {

    private static final List<String> SERVICES = RenderedChart.DEPLOYABLES;

    /** The values an operator must give, as the chart's README shows them. */
    private static TemplateCommand minimalInstall() {
        return RenderedChart.template()
                .set("postgres.host", "postgres.db")
                .set("postgres.passwordSecret.name", "billforge-postgres")
                .set("kafka.bootstrapServers", "kafka-0.kafka:9092")
                .set("jwt.issuer", "https://auth.example.com")
                .set("jwt.existingConfigMap", "billforge-jwt")
                .set("secrets.existingSecret", "billforge-secrets");
    }

    @Test
    void theChartLintsCleanWithItsRequiredValues(@TempDir Path copy) throws IOException {
        // Helm's lint reads the chart's own values.yaml: lint a copy whose required values are filled in.
        copyChart(copy);
        Path values = copy.resolve("values.yaml");
        Map<String, Object> tree = new Yaml(new LoaderOptions()).load(Files.readString(values));
        put(tree, "postgres.host", "postgres.db");
        put(tree, "postgres.passwordSecret.name", "billforge-postgres");
        put(tree, "kafka.bootstrapServers", "kafka-0.kafka:9092");
        put(tree, "jwt.issuer", "https://auth.example.com");
        put(tree, "jwt.existingConfigMap", "billforge-jwt");
        put(tree, "secrets.existingSecret", "billforge-secrets");
        Files.writeString(values, new Yaml().dump(tree));

        LintResult lint = new Helm(copy).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void everyServiceGetsTheSharedSecretsRedisAndRateLimits() {
        List<Map<String, Object>> documents = render(minimalInstall()
                .set("redis.url", "redis://redis-master:6379")
                .set("redis.passwordSecret.name", "billforge-redis")
                .set("rateLimit.writes", "120"));
        List<String> deployments = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            String service = container(deployment).get("name").toString();
            deployments.add(service);
            Map<String, Map<String, Object>> env = env(deployment);
            if (service.equals("console-service")) {
                continue; // owns no data and keeps no counters: checked in theConsoleOwnsNoDataAndCallsTheServices
            }
            for (String key : List.of("BILLFORGE_SECRETS_KEYS", "BILLFORGE_SECRETS_ACTIVE_KEY_ID",
                    "BILLFORGE_SECRETS_BLIND_INDEX_KEY")) {
                assertEquals("billforge-secrets", secretName(env.get(key)), service + " " + key);
            }
            assertEquals("redis://redis-master:6379", env.get("BILLFORGE_REDIS_URL").get("value"), service);
            assertEquals("billforge-redis", secretName(env.get("QUARKUS_REDIS_PASSWORD")), service);
            assertEquals("true", env.get("BILLFORGE_RATE_LIMIT_ENABLED").get("value"), service);
            assertEquals("120", env.get("BILLFORGE_RATE_LIMIT_WRITES").get("value"), service);
            assertEquals("2000", env.get("BILLFORGE_RATE_LIMIT_READS").get("value"), service);
            assertEquals("1000", env.get("BILLFORGE_RATE_LIMIT_PROVIDER_WEBHOOKS").get("value"), service);
            assertFalse(env.containsKey("BILLFORGE_TEST_CLOCK_ENABLED"), service + ": test clocks are off");
            assertTrue(env.keySet().stream().noneMatch(name -> name.contains("SIMULATOR")), service);
        }
        assertEquals(SERVICES.stream().sorted().toList(), deployments.stream().sorted().toList());
    }

    @Test
    void eachJvmGetsTheGcItsCpuLimitCallsForAndListensOnItsContainerPort() {
        List<Map<String, Object>> documents = render(minimalInstall()
                .set("services.invoicing-service.resources.limits.cpu", "2")
                .set("services.payment-service.resources.limits.cpu", "1500m")
                .set("services.payment-service.containerPort", "9090")
                .set("jvm.extraOptions", "-XX:+HeapDumpOnOutOfMemoryError"));
        Map<String, String> javaOptions = new java.util.TreeMap<>();
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            String service = container(deployment).get("name").toString();
            javaOptions.put(service, env(deployment).get("JDK_JAVA_OPTIONS").get("value").toString());
            String port = service.equals("payment-service") ? "9090" : "8080";
            assertEquals(port, env(deployment).get("QUARKUS_HTTP_PORT").get("value"), service);
            assertEquals(List.of(Map.of("name", "http", "containerPort", Integer.valueOf(port), "protocol", "TCP")),
                    container(deployment).get("ports"), service);
        }
        assertEquals("-XX:+UseG1GC -XX:+HeapDumpOnOutOfMemoryError", javaOptions.get("invoicing-service"));
        assertEquals("-XX:+UseSerialGC -XX:+HeapDumpOnOutOfMemoryError", javaOptions.get("payment-service"),
                "1.5 CPUs: a concurrent collector's threads would contend with the service's own");
        assertEquals("-XX:+UseSerialGC -XX:+HeapDumpOnOutOfMemoryError", javaOptions.get("customer-service"));
        assertEquals(SERVICES.size(), javaOptions.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitoringIsOptInAndScrapesEveryServiceAlertsAndShipsTheDashboard() {
        List<Map<String, Object>> plain = render(minimalInstall());
        assertTrue(ofKind(plain, "ServiceMonitor").isEmpty() && ofKind(plain, "PrometheusRule").isEmpty());

        List<Map<String, Object>> documents = render(minimalInstall()
                .set("metrics.serviceMonitor.enabled", "true")
                .set("metrics.serviceMonitor.labels.release", "kube-prometheus-stack")
                .set("metrics.prometheusRule.enabled", "true")
                .set("metrics.grafanaDashboard.enabled", "true"));
        Map<String, Object> monitor = ofKind(documents, "ServiceMonitor").get(0);
        assertEquals("kube-prometheus-stack", labels(monitor).get("release"));
        Map<String, Object> spec = (Map<String, Object>) monitor.get("spec");
        Map<String, Object> selector = (Map<String, Object>) ((Map<String, Object>) spec.get("selector"))
                .get("matchLabels");
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        List<Map<String, Object>> services = ofKind(documents, "Service");
        assertEquals(SERVICES.size(), services.size());
        for (Map<String, Object> service : services) { // each one selected, with the port the endpoint names
            assertTrue(labels(service).entrySet().containsAll(selector.entrySet()), service.toString());
            assertTrue(((List<Map<String, Object>>) ((Map<String, Object>) service.get("spec")).get("ports")).stream()
                    .anyMatch(port -> endpoint.get("port").equals(port.get("name"))));
        }

        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) ofKind(documents,
                "PrometheusRule").get(0).get("spec")).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.add(rule.get("alert").toString());
                assertFalse(rule.get("expr").toString().isBlank());
            }
        }
        assertEquals(List.of("BillforgeOutboxBacklogStale", "BillforgeDeadLetters", "BillforgeConsumerLag",
                "BillforgeBillRunStuck", "BillforgePaymentFailureRate", "BillforgeOperationsFailing"), alerts);

        Map<String, Object> dashboard = ofKind(documents, "ConfigMap").stream()
                .filter(map -> name(map).endsWith("-dashboard")).findFirst().orElseThrow();
        assertEquals("1", labels(dashboard).get("grafana_dashboard"), "the Grafana sidecar's label");
        Map<String, Object> json = new Yaml().load(((Map<String, Object>) dashboard.get("data")).get("billforge.json")
                .toString()); // JSON is YAML
        assertEquals("billforge", json.get("uid"));
        assertTrue(((List<?>) json.get("panels")).size() >= 10);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> document) {
        return (Map<String, Object>) ((Map<String, Object>) document.get("metadata")).getOrDefault("labels", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> document) {
        return ((Map<String, Object>) document.get("metadata")).get("name").toString();
    }

    @Test
    void tracingIsOffUntilAnOtlpEndpointIsGiven() {
        for (Map<String, Object> deployment : ofKind(render(minimalInstall()), "Deployment")) {
            assertFalse(env(deployment).containsKey("QUARKUS_OTEL_SDK_DISABLED"), "the services' default: off");
        }
        assertThrows(Exception.class, () -> render(minimalInstall().set("tracing.enabled", "true")));
        for (Map<String, Object> deployment : ofKind(render(minimalInstall().set("tracing.enabled", "true")
                .set("tracing.otlpEndpoint", "http://otel-collector:4318").set("tracing.samplingRatio", "0.25")),
                "Deployment")) {
            Map<String, Map<String, Object>> env = env(deployment);
            assertEquals("false", env.get("QUARKUS_OTEL_SDK_DISABLED").get("value"));
            assertEquals("http://otel-collector:4318", env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").get("value"));
            assertEquals("0.25", env.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG").get("value"));
        }
    }

    @Test
    void theConsoleOwnsNoDataAndCallsTheServices() {
        List<Map<String, Object>> documents = render(minimalInstall());
        Map<String, Map<String, Object>> env = env(console(documents));
        assertTrue(env.keySet().stream().noneMatch(name -> name.startsWith("BILLFORGE_DB_")
                || name.startsWith("BILLFORGE_KAFKA") || name.startsWith("BILLFORGE_SECRETS")), env.keySet().toString());
        assertEquals("http://billforge-invoicing-service:80", env.get("BILLFORGE_INVOICING_SERVICE_URL").get("value"));
        assertEquals("https://auth.example.com", env.get("BILLFORGE_JWT_ISSUER").get("value"));
        assertEquals("billforge-secrets", secretName(env.get("BILLFORGE_CONSOLE_CSRF_KEY")));
        String ingress = new Yaml().dump(ofKind(documents, "Ingress").get(0));
        assertTrue(ingress.contains("/graphql") && ingress.contains("/console"), ingress);
    }

    @Test
    void peopleSignInThroughTheOrganisationsIdentityProviderNeverTheDevelopmentSignIn() {
        Map<String, Map<String, Object>> off = env(console(render(minimalInstall())));
        assertFalse(off.containsKey("BILLFORGE_CONSOLE_SIGN_IN_ENABLED"), "bearer tokens only until configured");

        Map<String, Map<String, Object>> on = env(console(render(minimalInstall()
                .set("services.console-service.signIn.enabled", "true")
                .set("services.console-service.signIn.authServerUrl", "https://login.example.com/realms/billing"))));
        assertEquals("true", on.get("BILLFORGE_CONSOLE_SIGN_IN_ENABLED").get("value"));
        assertEquals("https://login.example.com/realms/billing", on.get("BILLFORGE_CONSOLE_OIDC_URL").get("value"));
        assertEquals("billforge-console", on.get("BILLFORGE_CONSOLE_OIDC_CLIENT_ID").get("value"));
        assertEquals("billforge-secrets", secretName(on.get("BILLFORGE_CONSOLE_OIDC_CLIENT_SECRET")));
        assertTrue(on.keySet().stream().noneMatch(name -> name.contains("DEV_SIGN_IN")), on.keySet().toString());

        Exception noProvider = assertThrows(Exception.class, () -> minimalInstall()
                .set("services.console-service.signIn.enabled", "true").call());
        assertTrue(noProvider.getMessage().contains("signIn.authServerUrl is required"), noProvider.getMessage());
        for (Map<String, String> env : List.of(Map.of("name", "BILLFORGE_CONSOLE_DEV_SIGN_IN", "value", "true"),
                Map.of("name", "billforge.console.dev-sign-in.enabled", "value", "true"),
                Map.of("name", "JAVA_TOOL_OPTIONS", "value", "-Dbillforge.console.dev-sign-in.enabled=true"))) {
            Exception refused = assertThrows(Exception.class, () -> minimalInstall()
                    .set("services.console-service.extraEnv[0].name", env.get("name"))
                    .set("services.console-service.extraEnv[0].value", env.get("value")).call(), env.toString());
            assertTrue(refused.getMessage().contains("may not turn the development sign-in on"), refused.getMessage());
        }
    }

    private static Map<String, Object> console(List<Map<String, Object>> documents) {
        return ofKind(documents, "Deployment").stream()
                .filter(deployment -> container(deployment).get("name").equals("console-service")).findFirst()
                .orElseThrow();
    }

    @Test
    void withoutRedisEachReplicaCountsAlone() {
        for (Map<String, Object> deployment : ofKind(render(minimalInstall()), "Deployment")) {
            assertFalse(env(deployment).containsKey("BILLFORGE_REDIS_URL"));
            assertFalse(env(deployment).containsKey("QUARKUS_REDIS_PASSWORD"));
        }
    }

    @Test
    void theChartRefusesToRenderWithoutTheSealingKeys() {
        Exception refused = assertThrows(Exception.class,
                () -> minimalInstall().set("secrets.existingSecret", "").call());
        assertTrue(refused.getMessage().contains("secrets.existingSecret"), refused.getMessage());
    }

    @Test
    void noExtraEnvTurnsThePaymentSimulatorOn() {
        List<Map<String, String>> attempts = List.of(
                Map.of("name", "BILLFORGE_PAYMENT_PROVIDERS_SIMULATOR_ENABLED", "value", "true"),
                Map.of("name", "billforge.payment.providers.simulator.enabled", "value", "true"),
                Map.of("name", "JAVA_TOOL_OPTIONS", "value", "-Dbillforge.payment.providers.simulator.enabled=true"),
                Map.of("name", "QUARKUS_PROFILE", "value", "test"),
                Map.of("name", "QUARKUS_PROFILE", "value", "prod,dev"),
                Map.of("name", "SMALLRYE_CONFIG_PROFILE", "value", "test"),
                Map.of("name", "QUARKUS_CONFIG_PROFILE_PARENT", "value", "test"),
                Map.of("name", "JAVA_OPTS_APPEND", "value", "-Dquarkus.profile=test"));
        for (Map<String, String> env : attempts) {
            Exception refused = assertThrows(Exception.class, () -> minimalInstall()
                    .set("services.payment-service.extraEnv[0].name", env.get("name"))
                    .set("services.payment-service.extraEnv[0].value", env.get("value")).call(),
                    "rendered with " + env);
            assertTrue(refused.getMessage().contains("may not turn the payment simulator on"), refused.getMessage());
        }
        // An unrelated extraEnv renders.
        assertEquals(SERVICES.size(), ofKind(render(minimalInstall().set("services.payment-service.extraEnv[0].name", "TZ")
                .set("services.payment-service.extraEnv[0].value", "UTC")), "Deployment").size());
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String dottedKey, Object value) {
        String[] keys = dottedKey.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (Map<String, Object>) node.get(keys[i]);
        }
        node.put(keys[keys.length - 1], value);
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
