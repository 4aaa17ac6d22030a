package dev.billforge.notification.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

import dev.billforge.chassis.reactive.VertxContexts;
import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.jobs.CommitNotifications;
import dev.billforge.chassis.jobs.JobPasses;
import dev.billforge.chassis.jobs.LeasedJob;
import dev.billforge.chassis.secrets.SealedSecret;
import dev.billforge.chassis.secrets.SecretCipher;
import dev.billforge.notification.domain.WebhookDelivery;
import dev.billforge.notification.domain.WebhookEndpoint;
import dev.billforge.notification.domain.WebhookSignature;
import dev.billforge.notification.store.WebhookDeliveryStore;
import dev.billforge.notification.store.WebhookEndpointStore;

/**
 * Sends due webhook deliveries, woken when a transaction commits new ones (a trigger notifies
 * {@code <schema>_webhook_delivery}) and on a slow sweep for retries: each claimed with {@code SKIP LOCKED} and a lease (so
 * replicas never send one at the same time), signed, POSTed without holding a transaction open, and its outcome
 * recorded. A 2xx answer delivers it; anything else is retried with exponential back-off until the retry window (3
 * days) has passed. Should the service stop between an endpoint's 2xx and recording it, the delivery is sent again
 * after its lease: receivers recognise the repeat by {@code Billing-Event-Id}, which stays the same for every attempt
 * and replay.
 */
@ApplicationScoped
public class WebhookDeliveries {

    public static final String EVENT_ID_HEADER = "Billing-Event-Id";
    public static final String DELIVERY_ID_HEADER = "Billing-Delivery-Id";
    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);
    /** Signature timestamps are wall-clock time: receivers check them against theirs, whatever our test clock says. */
    private static final Clock WALL_CLOCK = Clock.systemUTC();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final WebhookDeliveryStore deliveries;
    private final WebhookEndpointStore endpoints;
    private final WebhookUrlPolicy urls;
    private final SecretCipher cipher;
    private final Vertx vertx;
    private final Clock clock;
    private final NotificationSettings.Webhooks settings;
    private final HttpClient http;
    private final String schema;
    private final DeliveryMetrics metrics;
    private JobPasses passes;

    public WebhookDeliveries(WebhookDeliveryStore deliveries, WebhookEndpointStore endpoints, WebhookUrlPolicy urls,
            SecretCipher cipher, Vertx vertx, Clock clock, NotificationSettings settings, ChassisConfig config,
            DeliveryMetrics metrics) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.urls = urls;
        this.cipher = cipher;
        this.vertx = vertx;
        this.clock = clock;
        this.settings = settings.webhooks();
        this.schema = config.db().schema();
        // Redirects are not followed (a redirect could lead past the address check to an internal host); SNI is sent
        // even though the client connects to an address, and the certificate is checked against the URL's host.
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setTrustAll(false));
    }

    /** Runs a pass whenever deliveries are committed (on any replica) and on the sweep, for retries due later. */
    void start(@Observes StartupEvent started, CommitNotifications commits) {
        passes = JobPasses.start(vertx.getDelegate(), "Webhook delivery", settings.sweepInterval(),
                () -> deliverOnce().map(claimed -> claimed >= settings.batchSize()));
        commits.listen(schema + "_webhook_delivery", passes::wake);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (passes != null) {
            passes.stop();
        }
    }

    /** One pass: claims the due deliveries and attempts each; returns how many were claimed. */
    public Uni<Integer> deliverOnce() {
        Instant now = clock.instant();
        // Attempts run one after another, each bounded by attemptLimit(): the lease outlasts the whole batch, so no
        // other replica claims a delivery of it while it waits its turn.
        Instant leaseUntil = now.plus(attemptLimit().multipliedBy(settings.batchSize() + 1L));
        return deliveries.claimDue(now, leaseUntil, settings.batchSize())
                .chain(claimed -> LeasedJob.workInTurn(claimed,
                        delivery -> attempt(delivery.tenantId(), delivery.id(), leaseUntil),
                        (delivery, failure) -> LOG.warnf(
                                "Webhook delivery %s: attempt not recorded, retried after its lease: %s",
                                delivery.id(), failure.toString()))
                        .replaceWith(claimed.size()));
    }

    /** The longest one attempt may take, connecting and answering included. */
    private Duration attemptLimit() {
        return settings.timeout().plus(CONNECT_TIMEOUT);
    }

    /** What one attempt sends, read in a short session of its own. */
    private record Attempt(String url, String payload, String secret, String eventId, UUID deliveryId) {
    }

    private Uni<Void> attempt(String tenantId, UUID deliveryId, Instant leaseUntil) {
        return Panache.withSession(() -> deliveries.findForTenant(tenantId, deliveryId)
                .chain(delivery -> delivery == null || !delivery.isPending() ? Uni.createFrom().<Attempt> nullItem()
                        : endpoints.findForTenant(tenantId, delivery.endpointId()).map(endpoint -> prepare(endpoint,
                                delivery))))
                .chain(attempt -> {
                    if (attempt == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (attempt.url() == null) {
                        return Panache.withTransaction(() -> deliveries.findForUpdate(tenantId, deliveryId)
                                .invoke(delivery -> delivery.abandon("the endpoint was deleted"))).replaceWithVoid();
                    }
                    return send(attempt).chain(outcome -> record(tenantId, deliveryId, leaseUntil,
                            outcome.status(), outcome.error()));
                });
    }

    private Attempt prepare(WebhookEndpoint endpoint, WebhookDelivery delivery) {
        if (endpoint == null || endpoint.isDeleted()) {
            return new Attempt(null, null, null, delivery.eventId(), delivery.id());
        }
        String secret = cipher.open(new SealedSecret(endpoint.keyId(), endpoint.sealedSecret()),
                WebhookEndpoint.sealingContext(endpoint.tenantId(), endpoint.id()));
        return new Attempt(endpoint.url(), delivery.payload(), secret, delivery.eventId(), delivery.id());
    }

    /** The endpoint's answer: its status code, or null with the reason there was none. */
    private record Outcome(Integer status, String error) {
    }

    private Uni<Outcome> send(Attempt attempt) {
        // The HTTP client answers on its own threads; the outcome is recorded on our Vert.x context.
        return VertxContexts.resumingHere(vertx.executeBlocking(Uni.createFrom().item(() -> urls.check(attempt.url())), false)
                .chain(verdict -> {
                    if (!verdict.allowed()) {
                        return Uni.createFrom().item(new Outcome(null, "not sent: " + verdict.refusal()));
                    }
                    return post(verdict, attempt)
                            .map(status -> new Outcome(status, status / 100 == 2 ? null : "answered " + status))
                            // Vert.x resets the request at the same limit (RequestOptions.setTimeout).
                            .ifNoItem().after(attemptLimit()).fail()
                            .onFailure().recoverWithItem(failure -> new Outcome(null, describe(failure)));
                }));
    }

    /**
     * POSTs the attempt to the address the policy checked ({@link RequestOptions#setServer}: no second lookup), with
     * the URL's host in the Host header, in SNI and in the certificate check.
     */
    private Uni<Integer> post(WebhookUrlPolicy.Verdict verdict, Attempt attempt) {
        URI uri = verdict.uri();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, verdict.address().getHostAddress()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path)
                .setFollowRedirects(false)
                .setIdleTimeout(settings.timeout().toMillis())
                // The whole exchange, connecting included: a receiver trickling bytes is cut off and its connection
                // reset, not left holding one of the client's pooled connections.
                .setTimeout(attemptLimit().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Billforge-Webhooks/1")
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(attempt.payload(), attempt.secret(),
                        WALL_CLOCK.instant()))
                .putHeader(EVENT_ID_HEADER, attempt.eventId())
                .putHeader(DELIVERY_ID_HEADER, attempt.deliveryId().toString());
        return http.request(request)
                .chain((HttpClientRequest sending) -> sending.send(attempt.payload()))
                .chain(response -> response.end().replaceWith(response.statusCode())); // the body is not read
    }

    /** Records the outcome, unless the lease ran out and the delivery is another replica's now. */
    private Uni<Void> record(String tenantId, UUID deliveryId, Instant leaseUntil, Integer status, String error) {
        metrics.webhookAttempt(status != null && status / 100 == 2);
        return Panache.withTransaction(() -> deliveries.findForUpdate(tenantId, deliveryId).invoke(delivery -> {
            if (delivery == null || !delivery.isPending() || !leaseUntil.equals(delivery.nextAttemptAt())) {
                return;
            }
            if (status != null && status / 100 == 2) {
                delivery.delivered(status, clock.instant());
            } else {
                delivery.attemptFailed(status, error, clock.instant(), settings.firstRetryDelay(),
                        settings.maxRetryDelay(), settings.retryWindow());
                LOG.infof("Webhook delivery %s (%s) attempt %d failed: %s", deliveryId, delivery.eventType(),
                        delivery.attempts(), error);
            }
        })).replaceWithVoid();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
