package dev.billforge.subscription.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.EventRoutes.Received;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionStatus;
import dev.billforge.subscription.messaging.SubscriptionEvents;
import dev.billforge.subscription.store.SubscriptionStore;

/**
 * How a subscription's status follows its invoices' payments. Runs inside the consumer's inbox transaction (no
 * transaction of its own), so the status change, its event and the record of the consumed event commit together.
 */
@ApplicationScoped
public class SubscriptionBilling {

    private static final Logger LOG = Logger.getLogger(SubscriptionBilling.class);

    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final BusinessClock clock;

    public SubscriptionBilling(SubscriptionStore subscriptions, Outbox outbox, BusinessClock clock) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Invoices of subscriptions were paid (a consumed batch's {@code invoice.paid} events, in order): incomplete,
     * past_due or unpaid become active. An invoice with nothing due (a free plan, a downgrade, one covered by credit)
     * only activates an incomplete subscription: it says nothing about the older invoices a past_due or unpaid one
     * still owes. The subscriptions are read with one query; each change is announced in its event's journey.
     */
    public Uni<Void> invoicesPaid(List<Received<InvoicePaid>> paid) {
        Set<UUID> ids = new HashSet<>();
        paid.forEach(event -> {
            if (event.data().invoice().subscriptionId() != null) { // a one-off invoice: no subscription follows it
                ids.add(event.data().invoice().subscriptionId());
            }
        });
        return subscriptions.findAll(ids).chain(found -> {
            Map<String, Subscription> byKey = new HashMap<>();
            found.forEach(subscription -> byKey.put(subscription.tenantId() + '\n' + subscription.id(), subscription));
            return Multi.createFrom().iterable(paid).onItem().transformToUniAndConcatenate(event -> {
                String tenantId = event.event().tenantid();
                InvoiceSnapshot invoice = event.data().invoice();
                if (invoice.subscriptionId() == null) {
                    return Uni.createFrom().voidItem();
                }
                Subscription subscription = byKey.get(tenantId + '\n' + invoice.subscriptionId());
                Instant paidAt = invoice.paidAt() != null ? invoice.paidAt() : event.event().time();
                try (Scope inItsJourney = event.journey().makeCurrent()) {
                    return changed(tenantId, invoice.subscriptionId(), subscription, s -> s.invoicePaid(paidAt,
                            invoice.amountDue() == 0, clock.now(tenantId)));
                }
            }).collect().last().replaceWithVoid();
        });
    }

    /** A payment for one of its invoices failed at {@code failedAt}: incomplete or active become past_due. */
    public Uni<Void> paymentFailed(String tenantId, UUID subscriptionId, Instant failedAt) {
        return change(tenantId, subscriptionId,
                subscription -> subscription.paymentFailed(failedAt, clock.now(tenantId)));
    }

    /**
     * Dunning gave up on one of its invoices: the subscription becomes {@code unpaid}, or is canceled now, as the
     * tenant's dunning settings say ({@code whenExhausted}).
     */
    public Uni<Void> dunningExhausted(String tenantId, UUID subscriptionId, String whenExhausted, Instant exhaustedAt) {
        if (!"canceled".equals(whenExhausted)) {
            return change(tenantId, subscriptionId,
                    subscription -> subscription.dunningExhausted(exhaustedAt, clock.now(tenantId)));
        }
        if (subscriptionId == null) {
            return Uni.createFrom().voidItem();
        }
        return subscriptions.find(tenantId, subscriptionId).flatMap(subscription -> {
            if (subscription == null) {
                return Uni.createFrom().voidItem();
            }
            SubscriptionStatus previous = subscription.status();
            if (!subscription.cancelForNonPayment(exhaustedAt, clock.now(tenantId))) {
                return Uni.createFrom().voidItem(); // canceled already, trialing, or paid since
            }
            return outbox.publish(EventCatalog.SUBSCRIPTION_CANCELED, tenantId, subscriptionId,
                    SubscriptionEvents.canceled(subscription, previous,
                            SubscriptionCanceled.PAYMENT_FAILED)).replaceWithVoid();
        });
    }

    private Uni<Void> change(String tenantId, UUID subscriptionId,
            java.util.function.Predicate<Subscription> transition) {
        if (subscriptionId == null) {
            return Uni.createFrom().voidItem(); // a one-off invoice: no subscription follows it
        }
        return subscriptions.find(tenantId, subscriptionId)
                .flatMap(subscription -> changed(tenantId, subscriptionId, subscription, transition));
    }

    /** Applies {@code transition} to the subscription (null: unknown) and announces the new status if it changed. */
    private Uni<Void> changed(String tenantId, UUID subscriptionId, Subscription subscription,
            java.util.function.Predicate<Subscription> transition) {
        if (subscription == null) {
            LOG.warnf("Payment news for unknown subscription %s of tenant %s ignored", subscriptionId, tenantId);
            return Uni.createFrom().voidItem();
        }
        SubscriptionStatus previous = subscription.status();
        if (!transition.test(subscription)) {
            return Uni.createFrom().voidItem(); // not applicable in this status, or older than the status
        }
        return outbox.publish(EventCatalog.SUBSCRIPTION_UPDATED, tenantId, subscriptionId,
                SubscriptionEvents.updated(subscription, previous, List.of("status"))).replaceWithVoid();
    }
}
