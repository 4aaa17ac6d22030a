package dev.billforge.payment.api;

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
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.payment.service.PaymentMethodService;

@Path("/v1/payment-methods")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentMethodResource {

    private final PaymentMethodService methods;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;

    public PaymentMethodResource(PaymentMethodService methods, TenantContext tenant, IdempotentRequests idempotency) {
        this.methods = methods;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    /**
     * Attaches a provider token to a customer. The customer and the token are checked first, outside the
     * transaction: waiting for a just-created customer's event must not hold one open.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreatePaymentMethodRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        return methods.verify(tenantId, request.toDetails())
                .chain(verified -> idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request,
                        Response.Status.CREATED,
                        () -> methods.attach(tenantId, verified).map(PaymentMethodResponse::from)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<PaymentMethodResponse> get(@RestPath String id) {
        return methods.get(tenant.tenantId(), parse(id)).map(PaymentMethodResponse::from);
    }

    /** Attached methods, newest first; {@code customer_id} narrows to one customer's. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<PaymentMethodResponse>> list(@RestQuery String limit,
            @RestQuery("starting_after") String startingAfter, @RestQuery("customer_id") String customerId) {
        PageRequest page = PageRequest.of(limit, startingAfter);
        return methods.list(tenant.tenantId(), QueryParams.id("customer_id", customerId), page)
                .map(result -> result.map(PaymentMethodResponse::from));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeletedObject> detach(@RestPath String id) {
        return methods.detach(tenant.tenantId(), parse(id))
                .map(method -> DeletedObject.of(method.id(), PaymentMethodResponse.OBJECT));
    }

    /** Makes this method the one its customer's invoices are charged to; an {@code Idempotency-Key} replays. */
    @POST
    @Path("/{id}/default")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> makeDefault(@RestPath String id,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID methodId = parse(id);
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), Map.of(), Response.Status.OK,
                () -> methods.makeDefault(tenantId, methodId).map(PaymentMethodResponse::from));
    }

    private static UUID parse(String id) {
        return ResourceIds.parse(id, ErrorCode.PAYMENT_METHOD_NOT_FOUND, "payment method");
    }
}
