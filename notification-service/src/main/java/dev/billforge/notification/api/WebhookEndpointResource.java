package dev.billforge.notification.api;

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

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
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

    public WebhookEndpointResource(WebhookEndpointService endpoints, TenantContext tenant) {
        this.endpoints = endpoints;
        this.tenant = tenant;
    }

    /** 201 with the endpoint and its signing secret, shown this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateWebhookEndpointRequest request) {
        return endpoints.create(tenant.tenantId(), request.url(), request.description(), request.eventTypes())
                .map(created -> Response.status(Response.Status.CREATED)
                        .entity(WebhookEndpointResponse.withSecret(created.endpoint(), created.secret())).build());
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

    /** Sends the delivery's event again, as a new delivery (202: it goes out with the next pass). */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> replay(@RestPath String id, @RestPath String deliveryId) {
        return endpoints.replay(tenant.tenantId(), endpoint(id),
                ResourceIds.parse(deliveryId, WebhookEndpointService.DELIVERY_NOT_FOUND, "webhook delivery"))
                .map(replay -> Response.accepted(WebhookDeliveryResponse.from(replay)).build());
    }

    private static UUID endpoint(String id) {
        return ResourceIds.parse(id, WebhookEndpointService.NOT_FOUND, "webhook endpoint");
    }
}
