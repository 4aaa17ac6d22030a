package dev.billforge.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

import dev.billforge.systemtest.OtlpReceiver.ReceivedSpan;

/**
 * One trace per billing journey: a client that sends its {@code traceparent} with the requests of one subscription
 * (customer, card, plan, subscription) finds every hop of it in that one trace, across the five services and their
 * Kafka hops, as the services export it over OTLP: the invoice, the charge (the provider call), the paid invoice, the
 * active subscription and the receipt email.
 */
class TracingSystemTest extends SystemTestBase {

    @Test
    void oneSubscriptionIsOneTraceAcrossTheFiveServices() {
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        String traceId = hex.formatHex(random.generateSeed(16));
        String traceParent = "00-" + traceId + "-" + hex.formatHex(random.generateSeed(8)) + "-01"; // sampled

        String email = "billing+" + UUID.randomUUID() + "@example.com";
        String customer = create(traceParent, "/v1/customers", Map.of("billing_email", email, "name", "Ada"));
        create(traceParent, "/v1/payment-methods", Map.of("customer_id", customer, "provider", "simulator",
                "token", "tok_visa"));
        String plan = create(traceParent, "/v1/plans", Map.of("name", "Traced monthly", "amount", 1999,
                "currency", "USD", "interval", "month"));
        String subscription = create(traceParent, "/v1/subscriptions", Map.of("customer_id", customer,
                "plan_id", plan));
        awaitActive(new Flow(customer, email, plan, subscription));
        awaitOne("/v1/notifications?customer_id=" + customer + "&type=payment_receipt", "status", "sent");

        // Each hop, by the service that made it: (service, span name).
        Set<String> expected = Set.of(
                "subscription-service: subscription.created publish",
                "invoicing-service: subscription.created process",
                "invoicing-service: invoice.finalized publish",
                "payment-service: invoice.finalized process",
                "payment-service: charge: simulator",
                "payment-service: payment.succeeded publish",
                "invoicing-service: payment.succeeded process",
                "invoicing-service: invoice.paid publish",
                "subscription-service: invoice.paid process",
                "notification-service: payment.succeeded process",
                "notification-service: send email",
                "customer-service: customer.created publish");
        List<ReceivedSpan> trace;
        try {
            trace = Awaitility.await("every hop of the journey exported").atMost(FLOW_DEADLINE)
                    .until(() -> platform.traces().spans().stream().filter(span -> span.traceId().equals(traceId))
                            .toList(), spans -> hops(spans).containsAll(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> seen = hops(platform.traces().spans().stream().filter(span -> span.traceId().equals(traceId))
                    .toList());
            throw new AssertionError("missing hops " + expected.stream().filter(hop -> !seen.contains(hop)).toList()
                    + "; the trace has " + seen + "; " + platform.traces().summary(), e);
        }

        Set<String> services = trace.stream().map(ReceivedSpan::service).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(services.containsAll(Platform.SERVICES), "one trace id across the five services: " + services);
        // Every span but the client's first hop has its parent in the same trace: no hop started a trace of its own.
        Set<String> spanIds = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        String clientSpan = traceParent.split("-")[2];
        List<ReceivedSpan> orphans = trace.stream().filter(span -> !span.parentSpanId().equals(clientSpan)
                && !spanIds.contains(span.parentSpanId())).toList();
        assertEquals(List.of(), orphans, "spans whose parent is missing from the trace");
    }

    private static Set<String> hops(List<ReceivedSpan> spans) {
        return spans.stream().map(span -> span.service() + ": " + span.name()).collect(Collectors.toSet());
    }

    private String create(String traceParent, String path, Map<String, Object> body) {
        RequestSpecification request = as(tenant).header("traceparent", traceParent);
        return request.body(body).post(path).then().statusCode(201).extract().path("id");
    }
}
