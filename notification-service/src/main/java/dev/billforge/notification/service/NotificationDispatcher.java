package dev.billforge.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.directory.KnownCustomer;
import dev.billforge.chassis.jobs.CommitNotifications;
import dev.billforge.chassis.jobs.JobPasses;
import dev.billforge.chassis.jobs.LeasedClaims.Claimed;
import dev.billforge.chassis.jobs.LeasedJob;
import dev.billforge.chassis.telemetry.Tracing;
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
 * works it as a set: fills in the recipients learnt since the notifications were recorded (one short transaction),
 * sends them through the channels they name side by side ({@code send-window} at a time) with no transaction open,
 * and records the outcomes (one more statement, only for those whose lease is still this pass's). A
 * notification whose recipient is still unknown waits without using an attempt, and so does a receipt whose invoice
 * PDF cannot be printed yet ({@link ReceiptAttachments}). A send is repeated only if the service stops between the
 * channel accepting it and recording that (the email keeps its Message-ID).
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
        // The sends run side by side, send-window at a time, each bounded by sendTimeout, and so does printing a
        // receipt's PDF before it: the lease outlasts the whole batch.
        long rounds = (settings.batchSize() + settings.sendWindow() - 1) / settings.sendWindow();
        Instant leaseUntil = now.plus(settings.sendTimeout().multipliedBy(2 * (rounds + 1)));
        return store.claimDue(now, leaseUntil, settings.batchSize())
                .chain(claimed -> dispatch(claimed, leaseUntil)
                        .onFailure().invoke(failure -> LOG.warnf("%d notifications: outcomes not recorded, retried "
                                + "after their lease: %s", claimed.size(), failure.toString()))
                        .onFailure().recoverWithNull()
                        .replaceWith(claimed.size()));
    }

    /** A notification ready to send (addressed), and the invoice to print for it, if any. */
    private record Ready(Notification notification, InvoiceSnapshot invoice) {
    }

    /**
     * The claimed notifications, as a set: made ready in one short transaction (the rows, the recipients learnt since
     * they were recorded and the receipts' invoices read with one query each), sent side by side with no transaction
     * open, and every outcome recorded with one more statement.
     */
    private Uni<Void> dispatch(List<Claimed> claimed, Instant leaseUntil) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> ready(claimed, leaseUntil))
                .chain(ready -> LeasedJob.callConcurrently(ready, r -> r.notification().channel(),
                        settings.sendWindow(), r -> attachments.render(r.invoice())
                                .chain(files -> send(r.notification(), files)),
                        (r, failure) -> describe(failure))
                        .chain(errors -> record(ready, errors, leaseUntil)));
    }

    /**
     * Inside the first transaction: the claimed notifications still leased to this pass, each addressed (a recipient
     * still unknown waits without using an attempt) and with its receipt's invoice (a receipt whose invoice is not
     * reported paid yet waits too).
     */
    private Uni<List<Ready>> ready(List<Claimed> claimed, Instant leaseUntil) {
        Map<UUID, String> tenantOf = new HashMap<>();
        claimed.forEach(c -> tenantOf.put(c.id(), c.tenantId()));
        return store.findAllForUpdate(tenantOf.keySet()).chain(found -> {
            List<Notification> ours = found.stream()
                    .filter(n -> n.tenantId().equals(tenantOf.get(n.id())) && ours(n, leaseUntil)).toList();
            List<KnownCustomer.Key> unaddressed = ours.stream().filter(Notification::awaitsRecipient)
                    .map(n -> new KnownCustomer.Key(n.tenantId(), n.customerId())).toList();
            return customers.findAllEvenIfDeleted(unaddressed).chain(known -> {
                Instant recheck = clock.instant().plus(settings.recipientRecheck());
                List<Notification> addressed = new ArrayList<>();
                for (Notification notification : ours) {
                    if (notification.awaitsRecipient()) {
                        KnownCustomer customer = known.get(CustomerDirectory.key(notification.tenantId(),
                                notification.customerId()));
                        if (customer != null && customer.live()) {
                            notification.addressTo(customer.billingEmail);
                        }
                    }
                    if (notification.awaitsRecipient()) {
                        notification.waitUntil(recheck);
                    } else {
                        addressed.add(notification);
                    }
                }
                return attachments.invoicesFor(addressed, clock.instant()).map(attach -> {
                    List<Ready> ready = new ArrayList<>();
                    for (Notification notification : addressed) {
                        ReceiptAttachments.InvoiceToAttach invoice = attach.get(notification.id());
                        if (invoice.waiting()) {
                            notification.waitUntil(recheck);
                        } else {
                            ready.add(new Ready(notification, invoice.invoice()));
                        }
                    }
                    return ready;
                });
            });
        });
    }

    /**
     * Sends the (detached) notification through its channel, in its journey; the error, or null when the channel
     * took it.
     */
    private Uni<String> send(Notification notification, List<NotificationAttachment> files) {
        NotificationChannel channel = channels.get(notification.channel());
        if (channel == null) {
            return Uni.createFrom().item("no channel named '" + notification.channel() + "'");
        }
        return Tracing.within(tracing.startContinuing("send " + notification.channel(), notification.traceParent(),
                SpanKind.CLIENT), () -> channel.send(notification, files))
                .ifNoItem().after(settings.sendTimeout()).fail()
                .map(accepted -> (String) null)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Notification %s not sent through %s (attempt %d): %s", notification.id(),
                            notification.channel(), notification.attempts() + 1, failure.getMessage());
                    return describe(failure);
                });
    }

    /**
     * The outcomes of the notifications whose lease is still this pass's, with one statement: the notifications as
     * {@link #ready} read them (detached since, and still leased to this pass), each marked sent or its failure
     * counted.
     */
    private Uni<Void> record(List<Ready> sent, List<String> errors, Instant leaseUntil) {
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        List<Notification> outcomes = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Notification notification = sent.get(i).notification();
            String error = errors.get(i);
            metrics.notificationAttempt(notification.channel(), error == null);
            if (error == null) {
                notification.markSent(now);
            } else {
                notification.recordFailure(error, now, settings.maxAttempts(), settings.retryDelay());
            }
            outcomes.add(notification);
        }
        return recordOutcomes(outcomes, leaseUntil).onFailure(failure -> outcomes.size() > 1).recoverWithUni(failure -> {
            // One outcome that cannot be recorded must not have the others' emails sent again: each on its own.
            LOG.warnf("Recording %d notification outcomes together failed (%s); recording them one by one",
                    outcomes.size(), failure.toString());
            return Multi.createFrom().iterable(outcomes)
                    .onItem().transformToUniAndConcatenate(outcome -> recordOutcomes(List.of(outcome), leaseUntil)
                            .onFailure().invoke(again -> LOG.warnf("Notification %s: outcome not recorded, retried "
                                    + "after its lease: %s", outcome.id(), again.toString()))
                            .onFailure().recoverWithNull())
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> recordOutcomes(List<Notification> outcomes, Instant leaseUntil) {
        return Panache.withSession(() -> store.recordOutcomes(outcomes, leaseUntil));
    }

    /** Still pending and still leased to this pass (another replica takes it only once the lease has run out). */
    private static boolean ours(Notification notification, Instant leaseUntil) {
        return notification.status() == NotificationStatus.PENDING && leaseUntil.equals(notification.nextAttemptAt());
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
