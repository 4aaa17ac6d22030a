package dev.billforge.customer.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.DeletedObject;
import dev.billforge.chassis.web.MergePatchReader;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.customer.service.CustomerService;

@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;
    private final MergePatchReader patches;

    public CustomerResource(CustomerService customers, TenantContext tenant, IdempotentRequests idempotency,
            MergePatchReader patches) {
        this.customers = customers;
        this.tenant = tenant;
        this.idempotency = idempotency;
        this.patches = patches;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateCustomerRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request, Response.Status.CREATED,
                () -> customers.create(tenantId, request.toDetails()).map(CustomerResponse::from));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<CustomerResponse> get(@RestPath String id) {
        return customers.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.CUSTOMER_NOT_FOUND, "customer"))
                .map(CustomerResponse::from);
    }

    /**
     * The customer's balance in each currency it has one in: negative is credit (from downgrades) that their next
     * invoices in that currency use first. invoicing-service keeps it; this is its copy, current within moments.
     */
    @GET
    @Path("/{id}/balance")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<CustomerBalanceResponse> balance(@RestPath String id) {
        UUID customerId = ResourceIds.parse(id, ErrorCode.CUSTOMER_NOT_FOUND, "customer");
        return customers.balances(tenant.tenantId(), customerId)
                .map(balances -> CustomerBalanceResponse.of(customerId, balances));
    }

    /**
     * Newest first; {@code email} matches the billing email exactly, ignoring case; {@code id}, repeated, lists just
     * those customers (a batch read: the console resolves a page's customers in one request).
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<CustomerResponse>> list(@RestQuery String limit, @RestQuery("starting_after") String startingAfter,
            @RestQuery String email, @RestQuery("id") List<String> ids) {
        return customers.list(tenant.tenantId(), email, QueryParams.ids("id", ids), PageRequest.of(limit, startingAfter))
                .map(page -> page.map(CustomerResponse::from));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MergePatchReader.MEDIA_TYPE })
    @RolesAllowed(Roles.ADMIN)
    public Uni<CustomerResponse> update(@RestPath String id, JsonNode body) throws JsonProcessingException {
        var changes = UpdateCustomerRequest.toChanges(patches.read(body, UpdateCustomerRequest.class));
        return customers.update(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.CUSTOMER_NOT_FOUND,
                "customer"), changes)
                .map(CustomerResponse::from);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeletedObject> delete(@RestPath String id) {
        return customers.delete(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.CUSTOMER_NOT_FOUND, "customer"))
                .map(customer -> DeletedObject.of(customer.id(), CustomerResponse.OBJECT));
    }
}
