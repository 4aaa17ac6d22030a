package dev.billforge.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.billforge.chassis.reactive.VertxContexts;
import dev.billforge.chassis.telemetry.Tracing;
import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.jobs.CommitNotifications;
import dev.billforge.chassis.jobs.JobPasses;
import dev.billforge.chassis.jobs.LeasedJob;
import dev.billforge.chassis.jobs.LeasedClaims.Claimed;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.notification.domain.Notification;
import dev.billforge.notification.domain.NotificationAttachment;
import dev.billforge.notification.domain.NotificationStatus;
import dev.billforge.notification.messaging.NotificationChannel;
import dev.billforge.notification.store.NotificationStore;

/**
 * Delivers pending notifications. A pass runs when a transaction commits new notifications (a trigger notifies
 * {@code <schema>_notification}) and on a slow sweep for retries that fall due later. Each pass claims a batch of due ones
 * with a lease ({@code FOR UPDATE SKIP LOCKED}, so replicas never send the same notification at the same time), and
 * then, one by one: fills in a recipient learnt since the notification was recorded (one short transaction), sends it
 * through the channel it names with no transaction open, and records the outcome (another short transaction, only while
 * the lease is still this pass's). A notification whose recipient is still unknown waits without using an attempt, and
 * so does a receipt whose invoice PDF cannot be printed yet ({@link ReceiptAttachments}). A
 * send is repeated only if the service stops between the channel accepting it and recording that, and then only that
 * one notification (the email keeps its Message-ID).
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final NotificationStore store;
    private final CustomerDirectory customers;
    private final Map<String, NotificationChannel> channels;
    private final NotificationSettings settings;
    private final Clock clock;
    private final ReceiptAttachments attachments;
    private final String schema;
    private final DeliveryMetrics metrics;
    private final Tracing tracing;
    private JobPasses passes;

    public NotificationDispatcher(NotificationStore store, CustomerDirectory customers,
            Instance<NotificationChannel> channels, NotificationSettings settings, Clock clock, ChassisConfig config,
            ReceiptAttachments attachments, DeliveryMetrics metrics, Tracing tracing) {
        this.tracing = tracing;
        this.attachments = attachments;
        this.metrics = metrics;
        this.store = store;
        this.customers = customers;
        this.channels = byName(channels);
        this.settings = settings;
        this.clock = clock;
        this.schema = config.db().schema();
    }

    /** Runs a pass whenever notifications are committed (on any replica) and on the sweep, for retries due later. */
    void start(@Observes StartupEvent started, Vertx vertx, CommitNotifications commits) {
        passes = JobPasses.start(vertx, "Notification dispatch", settings.sweepInterval(),
                () -> dispatchOnce().map(claimed -> claimed >= settings.batchSize()));
        commits.listen(schema + "_notification", passes::wake);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (passes != null) {
            passes.stop();
        }
    }

    /** One pass; returns how many notifications it claimed. */
    public Uni<Integer> dispatchOnce() {
        Instant now = clock.instant();
        // Sends run one after another, each bounded by sendTimeout, and so is printing a receipt's PDF before it: the
        // lease outlasts the whole batch.
        Instant leaseUntil = now.plus(settings.sendTimeout().multipliedBy(2 * (settings.batchSize() + 1L)));
        return store.claimDue(now, leaseUntil, settings.batchSize())
                .chain(claimed -> LeasedJob.workInTurn(claimed, notification -> dispatch(notification, leaseUntil),
                        (notification, failure) -> LOG.warnf(
                                "Notification %s: outcome not recorded, retried after its lease: %s",
                                notification.id(), failure.toString()))
                        .replaceWith(claimed.size()));
    }

    /** A notification ready to send (addressed), and the invoice to print for it, if any. */
    private record Ready(Notification notification, InvoiceSnapshot invoice) {
    }

    private Uni<Void> dispatch(Claimed claimed, Instant leaseUntil) {
        return Panache.withTransaction(() -> store.findForUpdate(claimed.tenantId(), claimed.id())
                .chain(notification -> notification == null || !ours(notification, leaseUntil)
                        ? Uni.createFrom().<Ready> nullItem()
                        : withRecipient(notification).chain(addressed -> {
                            Instant recheck = clock.instant().plus(settings.recipientRecheck());
                            if (!addressed) {
                                notification.waitUntil(recheck);
                                return Uni.createFrom().<Ready> nullItem();
                            }
                            return attachments.invoiceFor(notification, clock.instant()).map(attach -> {
                                if (attach.waiting()) {
                                    notification.waitUntil(recheck);
                                    return null;
                                }
                                return new Ready(notification, attach.invoice());
                            });
                        })))
                .chain(ready -> ready == null ? Uni.createFrom().voidItem()
                        // Rendered on a worker; sent and recorded back on this pass's context.
                        : VertxContexts.resumingHere(attachments.render(ready.invoice()))
                                .chain(files -> send(ready.notification(), files, leaseUntil)));
    }

    /** Sends the (detached) notification and records the outcome while the lease is still this pass's. */
    private Uni<Void> send(Notification notification, List<NotificationAttachment> files, Instant leaseUntil) {
        NotificationChannel channel = channels.get(notification.channel());
        // The receipt's PDF was rendered on a worker, and a channel may answer on its own threads (the mock mailer
        // answers on the caller's): the outcome is recorded back on the pass's Vert.x context, or recording it fails
        // and the notification is sent again after its lease.
        Uni<String> sent = channel == null
                ? Uni.createFrom().item("no channel named '" + notification.channel() + "'")
                : Tracing.within(tracing.startContinuing("send " + notification.channel(), notification.traceParent(),
                        SpanKind.CLIENT), () -> channel.send(notification, files))
                        .ifNoItem().after(settings.sendTimeout()).fail()
                        .map(accepted -> (String) null)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Notification %s not sent through %s (attempt %d): %s", notification.id(),
                                    notification.channel(), notification.attempts() + 1, failure.getMessage());
                            return describe(failure);
                        });
        sent = VertxContexts.resumingHere(sent);
        return sent.invoke(error -> metrics.notificationAttempt(notification.channel(), error == null))
                .chain(error -> Panache.withTransaction(() -> store.findForUpdate(notification.tenantId(),
                notification.id()).invoke(current -> {
                    if (current == null || !ours(current, leaseUntil)) {
                        return;
                    }
                    if (error == null) {
                        current.markSent(clock.instant());
                    } else {
                        current.recordFailure(error, clock.instant(), settings.maxAttempts(), settings.retryDelay());
                    }
                }))).replaceWithVoid();
    }

    /** Still pending and still leased to this pass (another replica takes it only once the lease has run out). */
    private static boolean ours(Notification notification, Instant leaseUntil) {
        return notification.status() == NotificationStatus.PENDING && leaseUntil.equals(notification.nextAttemptAt());
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
