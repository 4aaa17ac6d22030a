package dev.billforge.payment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.store.SubscriptionPauseStore;

/**
 * No charges while a subscription is paused: dunning skips the invoices of paused subscriptions until
 * {@code subscription.resumed} (then overdue retries run at once). The resumed subscription's new invoice is charged
 * as any other: it only exists after the resume.
 */
@ApplicationScoped
public class SubscriptionPauseConsumer {

    public static final String PAUSED = "subscription-paused";
    public static final String RESUMED = "subscription-resumed";

    private final Inbox inbox;
    private final SubscriptionPauseStore pauses;

    public SubscriptionPauseConsumer(Inbox inbox, SubscriptionPauseStore pauses) {
        this.inbox = inbox;
        this.pauses = pauses;
    }

    @Incoming(PAUSED)
    public Uni<Void> onPaused(String payload) {
        return inbox.consume(PAUSED, payload, EventCatalog.SUBSCRIPTION_PAUSED, (event, paused) -> pauses
                .record(event.tenantid(), paused.subscription().id(), true, event.time()).replaceWithVoid());
    }

    @Incoming(RESUMED)
    public Uni<Void> onResumed(String payload) {
        return inbox.consume(RESUMED, payload, EventCatalog.SUBSCRIPTION_RESUMED, (event, resumed) -> pauses
                .record(event.tenantid(), resumed.subscription().id(), false, event.time()).replaceWithVoid());
    }
}
