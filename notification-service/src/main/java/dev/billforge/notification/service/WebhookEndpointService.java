package dev.billforge.notification.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.errors.FieldError;
import dev.billforge.chassis.secrets.SealedSecret;
import dev.billforge.chassis.secrets.SecretCipher;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.notification.domain.WebhookDelivery;
import dev.billforge.notification.domain.WebhookEndpoint;
import dev.billforge.notification.domain.WebhookSignature;
import dev.billforge.notification.store.WebhookDeliveryStore;
import dev.billforge.notification.store.WebhookEndpointStore;

/**
 * Tenants' webhook endpoints: created with a signing secret shown once (and sealed at rest), listed, deleted; their
 * delivery logs, and replaying a delivery.
 */
@ApplicationScoped
public class WebhookEndpointService {
    private static final Logger LOG = Logger.getLogger(WebhookEndpointService.class);

    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final WebhookUrlPolicy urls;
    private final SecretCipher cipher;
    private final Vertx vertx;
    private final Clock clock;

    public WebhookEndpointService(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries,
            WebhookUrlPolicy urls, SecretCipher cipher, Vertx vertx, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.urls = urls;
        this.cipher = cipher;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Endpoint secrets are sealed: without keys the service must not start (and later fail every create). */
    void checkSecretsKeys(@Observes StartupEvent started) {
        cipher.requireConfigured();
    }

    /** A new endpoint and its signing secret, which is not shown again. */
    public record Created(WebhookEndpoint endpoint, String secret) {
    }

    /** Checks and creates an endpoint: {@link #prepare}, then {@link #save}. */
    public Uni<Created> create(String tenantId, String url, String description, List<String> eventTypes) {
        return prepare(tenantId, url, description, eventTypes).chain(this::save);
    }

    /**
     * Everything before the insert, outside any transaction (the URL check resolves its host): the endpoint, its
     * sealed secret and the secret itself, or a 400 for unknown event types or a URL that may not receive webhooks.
     */
    public Uni<Created> prepare(String tenantId, String url, String description, List<String> eventTypes) {
        try {
            requireKnown(eventTypes);
        } catch (ApiException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        // Resolving the host blocks: off the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> urls.refusal(url)), false)
                .chain(refusal -> {
                    if (refusal.isPresent()) {
                        // One answer whatever the reason: a tenant must not learn which internal names resolve.
                        LOG.infof("Webhook URL refused for tenant %s: %s", tenantId, refusal.get());
                        return Uni.createFrom().failure(ApiException.invalidField("url",
                                ErrorCode.WEBHOOK_URL_NOT_ALLOWED,
                                "This URL cannot receive webhooks: it must be an https URL of a public host."));
                    }
                    UUID id = TimeOrderedIds.next();
                    String secret = WebhookSignature.newSecret();
                    SealedSecret sealed = cipher.seal(secret, WebhookEndpoint.sealingContext(tenantId, id));
                    WebhookEndpoint endpoint = WebhookEndpoint.create(id, tenantId, url, description,
                            List.copyOf(eventTypes), sealed.keyId(), sealed.ciphertext(), clock.instant());
                    return Uni.createFrom().item(new Created(endpoint, secret));
                });
    }

    /** Inserts a prepared endpoint (in the caller's transaction, if there is one). */
    public Uni<Created> save(Created prepared) {
        return Panache.withTransaction(() -> endpoints.persist(prepared.endpoint()))
                .map(saved -> new Created(saved, prepared.secret()));
    }

    private static void requireKnown(List<String> eventTypes) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < eventTypes.size(); i++) {
            String type = eventTypes.get(i);
            if (!WebhookEndpoint.ALL_EVENTS.equals(type) && EventCatalog.byName(type).isEmpty()) {
                errors.add(new FieldError("event_types[" + i + "]", ErrorCode.UNKNOWN_EVENT_TYPE,
                        "'" + type + "' is not a published event type (or * for all)."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    @WithSession
    public Uni<WebhookEndpoint> get(String tenantId, UUID id) {
        return live(tenantId, id);
    }

    @WithSession
    public Uni<Page<WebhookEndpoint>> list(String tenantId, PageRequest page) {
        return page.cursor(id -> endpoints.findForTenant(tenantId, id), "webhook endpoint")
                .flatMap(after -> endpoints.page(tenantId, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    /** Nothing more is sent to it; its delivery log stays readable. */
    @WithTransaction
    public Uni<WebhookEndpoint> delete(String tenantId, UUID id) {
        return live(tenantId, id).invoke(endpoint -> endpoint.delete(clock.instant()));
    }

    @WithSession
    public Uni<Page<WebhookDelivery>> deliveries(String tenantId, UUID endpointId, PageRequest page) {
        return endpoints.findForTenant(tenantId, endpointId).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND,
                        "webhook endpoint", endpointId))
                .chain(() -> page.cursor(id -> deliveries.findForTenant(tenantId, id), "webhook delivery"))
                .flatMap(after -> deliveries.page(tenantId, endpointId, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    /** Sends a delivery's event again, as a new delivery due now. */
    @WithTransaction
    public Uni<WebhookDelivery> replay(String tenantId, UUID endpointId, UUID deliveryId) {
        return live(tenantId, endpointId)
                .chain(() -> deliveries.findForTenant(tenantId, deliveryId))
                .onItem().ifNull().failWith(() -> ResourceIds.notFound(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND,
                        "webhook delivery",
                        deliveryId))
                .invoke(delivery -> {
                    if (!delivery.endpointId().equals(endpointId)) {
                        throw ResourceIds.notFound(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND,
                                "webhook delivery", deliveryId);
                    }
                })
                .chain(delivery -> deliveries.persist(delivery.replay(TimeOrderedIds.next(), clock.instant())));
    }

    private Uni<WebhookEndpoint> live(String tenantId, UUID id) {
        return endpoints.findForTenant(tenantId, id)
                .onItem().ifNull().failWith(() -> ResourceIds.notFound(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND,
                        "webhook endpoint", id))
                .invoke(endpoint -> {
                    if (endpoint.isDeleted()) {
                        throw ResourceIds.notFound(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "webhook endpoint", id);
                    }
                });
    }
}
