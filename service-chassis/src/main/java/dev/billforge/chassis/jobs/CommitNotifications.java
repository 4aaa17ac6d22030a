package dev.billforge.chassis.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Tells background jobs that a transaction committed work for them, so they need not poll their table. A statement
 * trigger on the table runs {@code pg_notify(channel)} (Postgres delivers a transaction's identical notifications once,
 * at commit, on any replica that listens); this bean holds the service's one listening connection
 * ({@link PgSubscriber}) and runs the job's wake-up for each notification, and once more whenever the connection has
 * (re)subscribed, to catch up on what committed while it was down. The chassis migration {@code job_table_notify}
 * holds the trigger function.
 */
@ApplicationScoped
public class CommitNotifications {

    private static final Logger LOG = Logger.getLogger(CommitNotifications.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /**
     * How often the listening connection is checked. A connection that dies without closing (a NAT or load balancer
     * dropping an idle flow, a failover) would otherwise stop the wake-ups silently, leaving jobs to their sweeps.
     */
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(30);
    private static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Map<String, List<Runnable>> wakeUps = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private long livenessTimer = -1;
    private volatile boolean stopped;

    public CommitNotifications(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code wakeUp} whenever a transaction that notified {@code channel} commits, and once when listening starts
     * (to catch up on what committed before). The channel of a table with the chassis trigger is
     * {@code <schema>_<table>}.
     */
    public synchronized void listen(String channel, Runnable wakeUp) {
        List<Runnable> channelWakeUps = wakeUps.get(channel);
        if (channelWakeUps != null) { // another job listens already: this one catches up at once
            channelWakeUps.add(wakeUp);
            wakeUp.run();
            return;
        }
        channelWakeUps = new CopyOnWriteArrayList<>(List.of(wakeUp));
        wakeUps.put(channel, channelWakeUps);
        if (subscriber == null) {
            connect();
            livenessTimer = vertx.setPeriodic(LIVENESS_CHECK.toMillis(), tick -> checkLiveness());
        } else {
            subscribe(subscriber, channel, channelWakeUps);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        synchronized (this) {
            stopped = true;
            if (livenessTimer >= 0) {
                vertx.cancelTimer(livenessTimer);
            }
            if (subscriber != null) {
                subscriber.closeAndForget();
            }
        }
    }

    /**
     * Opens the listening connection. Once connected, the subscriber reconnects by itself (and resubscribes); a first
     * connection that fails is not retried by it, so this tries again with a new one. Meanwhile jobs run on their
     * sweep.
     */
    private synchronized void connect() {
        if (stopped) {
            return;
        }
        Config settings = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(settings.getValue("quarkus.datasource.reactive.url",
                String.class));
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        PgSubscriber listener = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> RECONNECT_DELAY.toMillis());
        wakeUps.forEach((channel, wakeUp) -> subscribe(listener, channel, wakeUp));
        subscriber = listener;
        listener.connect().subscribe().with(connected -> {
        }, failure -> {
            LOG.warnf("Not listening for commit notifications of %s (jobs run on their sweep meanwhile); trying again"
                    + " in %s: %s", wakeUps.keySet(), RECONNECT_DELAY, failure.toString());
            listener.closeAndForget();
            vertx.setTimer(RECONNECT_DELAY.toMillis(), tick -> connect());
        });
    }

    /**
     * Asks the listening connection a trivial query; one that does not answer in time is closed, and the subscriber
     * reconnects (and its re-subscription wakes every job to catch up).
     */
    private void checkLiveness() {
        PgSubscriber listener;
        synchronized (this) {
            listener = subscriber;
        }
        var connection = listener == null || listener.closed() ? null : listener.actualConnection();
        if (connection == null) { // connecting, or reconnecting: nothing to check
            return;
        }
        connection.query("SELECT 1").execute().ifNoItem().after(LIVENESS_TIMEOUT).fail().subscribe().with(
                answered -> {
                }, failure -> {
                    LOG.warnf("The connection listening for commit notifications did not answer (%s); reconnecting",
                            failure.toString());
                    connection.closeAndForget();
                });
    }

    private static void subscribe(PgSubscriber listener, String channel, List<Runnable> channelWakeUps) {
        Runnable wakeAll = () -> channelWakeUps.forEach(Runnable::run);
        // The subscribe handler first: setting the handler subscribes (LISTEN) on a connected subscriber.
        listener.channel(channel).subscribeHandler(wakeAll).handler(payload -> wakeAll.run());
    }
}
