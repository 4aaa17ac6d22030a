package dev.billforge.payment.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.payment.store.SubscriptionPauseStore;

/**
 * No charges while a subscription is paused: payment-service's record of which subscriptions are paused, which
 * dunning consults before each retry. Runs inside the consumer's inbox transaction. The newest announcement wins
 * (paused and resumed travel on different topics, so they may arrive out of order).
 */
@ApplicationScoped
public class SubscriptionPauses {

    private final SubscriptionPauseStore pauses;

    public SubscriptionPauses(SubscriptionPauseStore pauses) {
        this.pauses = pauses;
    }

    public Uni<Void> paused(String tenantId, UUID subscriptionId, Instant at) {
        return pauses.record(tenantId, subscriptionId, true, at).replaceWithVoid();
    }

    /** Overdue retries of its invoices run at once; its new invoice is charged as any other. */
    public Uni<Void> resumed(String tenantId, UUID subscriptionId, Instant at) {
        return pauses.record(tenantId, subscriptionId, false, at).replaceWithVoid();
    }
}
