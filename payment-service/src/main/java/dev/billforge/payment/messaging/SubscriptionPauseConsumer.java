package dev.billforge.payment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.service.SubscriptionPauses;

/**
 * Hands {@code subscription.paused} and {@code subscription.resumed} to {@link SubscriptionPauses}: dunning skips
 * the invoices of paused subscriptions until they resume.
 */
@ApplicationScoped
public class SubscriptionPauseConsumer {

    public static final String PAUSED = "subscription-paused";
    public static final String RESUMED = "subscription-resumed";

    private final Inbox inbox;
    private final SubscriptionPauses pauses;

    public SubscriptionPauseConsumer(Inbox inbox, SubscriptionPauses pauses) {
        this.inbox = inbox;
        this.pauses = pauses;
    }

    @Incoming(PAUSED)
    public Uni<Void> onPaused(String payload) {
        return inbox.consume(PAUSED, payload, EventCatalog.SUBSCRIPTION_PAUSED, (event, paused) -> pauses
                .paused(event.tenantid(), paused.subscription().id(), event.time()));
    }

    @Incoming(RESUMED)
    public Uni<Void> onResumed(String payload) {
        return inbox.consume(RESUMED, payload, EventCatalog.SUBSCRIPTION_RESUMED, (event, resumed) -> pauses
                .resumed(event.tenantid(), resumed.subscription().id(), event.time()));
    }
}
