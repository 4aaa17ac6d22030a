package dev.billforge.notification.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivery outcomes, per attempt: {@code billforge_notification_deliveries_total{channel, outcome}} (outcome
 * {@code sent} or {@code failed}) and {@code billforge_webhook_deliveries_total{outcome}} ({@code delivered} or
 * {@code failed}: no answer, or not 2xx). Bounded labels: channel names and outcomes, never an endpoint or a tenant.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void notificationAttempt(String channel, boolean sent) {
        String outcome = sent ? "sent" : "failed";
        counters.computeIfAbsent("notification/" + channel + '/' + outcome, key -> Counter
                .builder("billforge.notification.deliveries").description("Notification sending attempts by outcome")
                .tag("channel", channel).tag("outcome", outcome).register(registry)).increment();
    }

    void webhookAttempt(boolean delivered) {
        String outcome = delivered ? "delivered" : "failed";
        counters.computeIfAbsent("webhook/" + outcome, key -> Counter.builder("billforge.webhook.deliveries")
                .description("Webhook delivery attempts by outcome").tag("outcome", outcome).register(registry))
                .increment();
    }
}
