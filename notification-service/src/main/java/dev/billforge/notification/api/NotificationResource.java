package dev.billforge.notification.api;


import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.notification.domain.NotificationType;
import dev.billforge.notification.service.NotificationService;

/** Read-only: notifications are recorded from billing events, never through the API. */
@Path("/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private static final String TYPES = WireName.allWire(NotificationType.class);

    private final NotificationService notifications;
    private final TenantContext tenant;

    public NotificationResource(NotificationService notifications, TenantContext tenant) {
        this.notifications = notifications;
        this.tenant = tenant;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<NotificationResponse> get(@RestPath String id) {
        return notifications.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.NOTIFICATION_NOT_FOUND,
                "notification"))
                .map(NotificationResponse::from);
    }

    /** Newest first; {@code customer_id} and {@code type} narrow the list. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<NotificationResponse>> list(@RestQuery String limit,
            @RestQuery("starting_after") String startingAfter, @RestQuery("customer_id") String customerId,
            @RestQuery String type) {
        PageRequest page = PageRequest.of(limit, startingAfter);
        return notifications.list(tenant.tenantId(), QueryParams.id("customer_id", customerId),
                QueryParams.oneOf("type", type, NotificationType::fromWire, TYPES), page)
                .map(result -> result.map(NotificationResponse::from));
    }
}
