package dev.billforge.notification.api;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.DeletedObject;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.notification.service.WebhookEndpointService;

/**
 * Tenants' webhook endpoints: where billing events are POSTed, signed. The delivery log of each endpoint can be read
 * and any delivery replayed.
 */
@Path("/v1/webhook-endpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.READ })
public class WebhookEndpointResource {

    private final WebhookEndpointService endpoints;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;

    public WebhookEndpointResource(WebhookEndpointService endpoints, TenantContext tenant,
            IdempotentRequests idempotency) {
        this.endpoints = endpoints;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    /**
     * 201 with the endpoint and its signing secret, shown this once, or again (with the same secret) to a retry
     * that sends the same {@code Idempotency-Key} and body, like every other POST: the stored answer is sealed.
     * A retry is answered from the stored answer before the URL is checked again: DNS may have changed since.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateWebhookEndpointRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        return idempotency.storedAnswer(tenantId, idempotencyKey, "POST", uri.getPath(), request)
                .chain(stored -> stored != null ? Uni.createFrom().item(stored) : endpoints
                        .prepare(tenantId, request.url(), request.description(), request.eventTypes())
                        .chain(prepared -> idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(),
                                request, Response.Status.CREATED, () -> endpoints.save(prepared)
                                        .map(created -> WebhookEndpointResponse.withSecret(created.endpoint(),
                                                created.secret())))));
    }

    @GET
    public Uni<Page<WebhookEndpointResponse>> list(@RestQuery String limit,
            @RestQuery("starting_after") String startingAfter) {
        return endpoints.list(tenant.tenantId(), PageRequest.of(limit, startingAfter))
                .map(page -> page.map(WebhookEndpointResponse::from));
    }

    @GET
    @Path("/{id}")
    public Uni<WebhookEndpointResponse> get(@RestPath String id) {
        return endpoints.get(tenant.tenantId(), endpoint(id)).map(WebhookEndpointResponse::from);
    }

    /** Stops deliveries to it (pending ones end as failed); its delivery log stays readable. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeletedObject> delete(@RestPath String id) {
        return endpoints.delete(tenant.tenantId(), endpoint(id))
                .map(deleted -> DeletedObject.of(deleted.id(), WebhookEndpointResponse.OBJECT));
    }

    /** The endpoint's deliveries, newest first: status, attempts, the last answer. */
    @GET
    @Path("/{id}/deliveries")
    public Uni<Page<WebhookDeliveryResponse>> deliveries(@RestPath String id, @RestQuery String limit,
            @RestQuery("starting_after") String startingAfter) {
        return endpoints.deliveries(tenant.tenantId(), endpoint(id), PageRequest.of(limit, startingAfter))
                .map(page -> page.map(WebhookDeliveryResponse::from));
    }

    /**
     * Sends the delivery's event again, as a new delivery (202: it goes out with the next pass). A retry with the
     * same {@code Idempotency-Key} answers the first replay instead of making another.
     */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> replay(@RestPath String id, @RestPath String deliveryId,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID endpointId = endpoint(id);
        UUID replayed = ResourceIds.parse(deliveryId, ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, "webhook delivery");
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), Map.of(), Response.Status.ACCEPTED,
                () -> endpoints.replay(tenantId, endpointId, replayed).map(WebhookDeliveryResponse::from));
    }

    private static UUID endpoint(String id) {
        return ResourceIds.parse(id, ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "webhook endpoint");
    }
}
