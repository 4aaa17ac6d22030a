package dev.billforge.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from each service process ({@code /q/metrics}) after one paid subscription: the design's
 * billing telemetry ({@code billing_operation_seconds{operation, result}}), the pipeline's health and the money
 * through it, with labels that stay bounded (never a tenant, customer or invoice id); and every metric the chart's
 * alerts and Grafana dashboard ask for is one the services export.
 */
class MetricsSystemTest extends SystemTestBase {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");
    private static final Set<String> ID_LABELS = Set.of("tenant", "tenant_id", "tenantid", "customer", "customer_id",
            "invoice", "invoice_id", "subscription", "subscription_id", "payment_id");
    /** Counters that exist once their event has happened: none of them does in a paid subscription. */
    private static final Set<String> ON_FIRST_OCCURRENCE = Set.of("billforge_events_dead_lettered_total",
            "billforge_refunded_minor_units_total", "billforge_webhook_deliveries_total");

    @Test
    void eachServiceExportsTheBillingTelemetryThePipelineAndTheMoneyWithBoundedLabels() throws IOException {
        Flow flow = subscribeWithCard("tok_visa");
        awaitActive(flow);
        awaitOne("/v1/notifications?customer_id=" + flow.customer() + "&type=payment_receipt", "status", "sent");

        Map<String, List<Sample>> scraped = new LinkedHashMap<>();
        Awaitility.await("the money counted as the events reach Kafka").atMost(FLOW_DEADLINE)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    platform.services().forEach((service, uri) -> scraped.put(service, scrape(uri)));
                    scraped.put(Platform.CONSOLE, scrape(platform.console()));
                    return value(scraped.get("payment-service"), "billforge_collected_minor_units_total",
                            Map.of("currency", "USD")) >= 1999;
                });

        assertOperation(scraped, "customer-service", "create_customer");
        assertOperation(scraped, "subscription-service", "create_subscription");
        assertOperation(scraped, "invoicing-service", "create_invoice");
        assertOperation(scraped, "invoicing-service", "finalize_invoice");
        assertOperation(scraped, "payment-service", "process_payment");
        for (String service : platform.services().keySet()) {
            assertTrue(has(scraped.get(service), "billforge_outbox_backlog"), service + " reports its outbox backlog");
            assertTrue(has(scraped.get(service), "billforge_outbox_oldest_age_seconds"), service);
        }
        assertTrue(value(scraped.get("invoicing-service"), "billforge_invoiced_minor_units_total",
                Map.of("currency", "USD")) >= 1999);
        assertTrue(value(scraped.get("payment-service"), "billforge_payments_total",
                Map.of("provider", "simulator", "outcome", "succeeded")) >= 1);
        assertTrue(value(scraped.get("invoicing-service"), "billforge_events_published_total",
                Map.of("type", "invoice.paid")) >= 1);
        assertTrue(has(scraped.get("payment-service"), "billforge_dunning_active"));
        assertTrue(value(scraped.get("notification-service"), "billforge_notification_deliveries_total",
                Map.of("channel", "email", "outcome", "sent")) >= 1);
        assertTrue(has(scraped.get("invoicing-service"), "kafka_consumer_fetch_manager_records_lag_max"),
                "consumer lag, per consumer client");

        // Bounded labels: no id-like label name, no UUID, no tenant id in any value, anywhere.
        List<String> unbounded = new ArrayList<>();
        scraped.forEach((service, samples) -> samples.forEach(sample -> sample.labels().forEach((name, value) -> {
            if (ID_LABELS.contains(name) || UUID.matcher(value).find() || value.contains(tenant)) {
                unbounded.add(service + ": " + sample.name() + "{" + name + "=" + value + "}");
            }
        })));
        assertEquals(List.of(), unbounded);

        // Every metric the chart's alerts and dashboard use is exported by some service.
        Set<String> exported = new TreeSet<>();
        scraped.values().forEach(samples -> samples.forEach(sample -> exported.add(sample.name())));
        Set<String> missing = new TreeSet<>(referencedByTheChart());
        missing.removeAll(exported);
        missing.removeAll(ON_FIRST_OCCURRENCE);
        assertEquals(Set.of(), missing, "used by the chart's alerts or dashboard, exported by no service");
    }

    private void assertOperation(Map<String, List<Sample>> scraped, String service, String operation) {
        assertTrue(value(scraped.get(service), "billing_operation_seconds_count",
                Map.of("operation", operation, "result", "completed")) >= 1,
                service + " times " + operation + " as a completed billing operation");
        assertTrue(has(scraped.get(service), "billing_operation_seconds_bucket"), "with buckets for alerts");
    }

    /** The metric names in the chart's PrometheusRule template and Grafana dashboard. */
    private static Set<String> referencedByTheChart() throws IOException {
        Path chart = Path.of(System.getProperty("billforge.root", "..")).resolve("deploy/helm/billforge");
        String text = Files.readString(chart.resolve("templates/monitoring.yaml"))
                + Files.readString(chart.resolve("dashboards/billforge.json"));
        Set<String> names = new TreeSet<>();
        Matcher metric = Pattern.compile("\\b(billforge_[a-z_]+|billing_operation_[a-z_]+|kafka_consumer_[a-z_]+)\\b")
                .matcher(text);
        while (metric.find()) {
            names.add(metric.group(1));
        }
        assertTrue(names.size() > 10, names.toString());
        return names;
    }

    private static List<Sample> scrape(URI service) {
        String body = given().get(service.resolve("/q/metrics")).then().statusCode(200).extract().asString();
        List<Sample> samples = new ArrayList<>();
        for (String line : body.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return samples;
    }

    private static boolean has(List<Sample> samples, String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels}. */
    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name)
                && sample.labels().entrySet().containsAll(labels.entrySet())).mapToDouble(Sample::value).sum();
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }
}
