package dev.billforge.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.messaging.NotificationChannel;
import dev.billforge.notification.store.NotificationStore;

/**
 * Delivers pending notifications. Each pass claims a batch of due ones ({@code FOR UPDATE SKIP LOCKED}, so replicas
 * never send the same notification concurrently), fills in a recipient learnt since the notification was recorded,
 * sends each through the channel it names, and records the outcome in the same transaction. A notification whose
 * recipient is still unknown waits without using an attempt. Delivery is at least once: a pass that sent but could
 * not commit sends again.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final NotificationStore store;
    private final CustomerDirectory customers;
    private final Map<String, NotificationChannel> channels;
    private final NotificationSettings settings;
    private final Clock clock;

    public NotificationDispatcher(NotificationStore store, CustomerDirectory customers,
            Instance<NotificationChannel> channels, NotificationSettings settings, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.channels = byName(channels);
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(every = "${billforge.notification.dispatch-interval:0.5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatchDueNotifications() {
        return dispatchOnce().onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Notification dispatch pass failed; the next pass retries");
            return 0;
        }).replaceWithVoid();
    }

    /** One pass; returns how many notifications were sent. */
    public Uni<Integer> dispatchOnce() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> store.claimDue(now, settings.batchSize())
                // One after the other: the batch shares one reactive session, which allows no concurrent use.
                .flatMap(batch -> Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndConcatenate(notification -> dispatch(notification, now))
                        .collect().asList())
                .map(outcomes -> (int) outcomes.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> dispatch(Notification notification, Instant now) {
        return withRecipient(notification).flatMap(addressed -> {
            if (!addressed) {
                notification.waitForRecipientUntil(now.plus(settings.recipientRecheck()));
                return Uni.createFrom().item(false);
            }
            NotificationChannel channel = channels.get(notification.channel());
            if (channel == null) {
                notification.recordFailure("no channel named '" + notification.channel() + "'", now,
                        settings.maxAttempts(), settings.retryDelay());
                return Uni.createFrom().item(false);
            }
            return Uni.createFrom().deferred(() -> channel.send(notification))
                    .map(accepted -> {
                        notification.markSent(now);
                        return true;
                    })
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("Notification %s not sent through %s (attempt %d): %s", notification.id(),
                                channel.name(), notification.attempts() + 1, failure.getMessage());
                        notification.recordFailure(describe(failure), now, settings.maxAttempts(),
                                settings.retryDelay());
                        return false;
                    });
        });
    }

    /** True when the notification has a recipient, looking it up in the customer directory if it had none. */
    private Uni<Boolean> withRecipient(Notification notification) {
        if (!notification.awaitsRecipient()) {
            return Uni.createFrom().item(true);
        }
        return customers.find(notification.tenantId(), notification.customerId()).map(customer -> {
            if (customer != null) {
                notification.addressTo(customer.billingEmail);
            }
            return !notification.awaitsRecipient();
        });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static Map<String, NotificationChannel> byName(Instance<NotificationChannel> beans) {
        Map<String, NotificationChannel> named = new HashMap<>();
        List<NotificationChannel> all = beans.stream().toList();
        for (NotificationChannel channel : all) {
            NotificationChannel previous = named.put(channel.name(), channel);
            if (previous != null) {
                throw new IllegalStateException("Two notification channels are named '" + channel.name() + "'");
            }
        }
        return Map.copyOf(named);
    }
}
