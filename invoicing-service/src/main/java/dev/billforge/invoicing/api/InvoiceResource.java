package dev.billforge.invoicing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.problem.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.domain.InvoiceFilter;
import dev.billforge.invoicing.domain.InvoiceStatus;
import dev.billforge.invoicing.service.InvoiceService;

/** Invoices are read-only here: they are created and settled by events (subscriptions, payments). */
@Path("/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    private final InvoiceService invoices;
    private final TenantContext tenant;

    public InvoiceResource(InvoiceService invoices, TenantContext tenant) {
        this.invoices = invoices;
        this.tenant = tenant;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<InvoiceResponse> get(@RestPath String id) {
        return invoices.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.INVOICE_NOT_FOUND, "invoice"))
                .map(InvoiceResponse::from);
    }

    /** Newest first, optionally only one customer's, one subscription's or one status's invoices. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<InvoiceResponse>> list(@RestQuery String limit, @RestQuery("starting_after") String startingAfter,
            @RestQuery("customer_id") String customerId, @RestQuery("subscription_id") String subscriptionId,
            @RestQuery String status) {
        PageRequest page = PageRequest.of(limit, startingAfter);
        InvoiceFilter filter = new InvoiceFilter(QueryParams.id("customer_id", customerId),
                QueryParams.id("subscription_id", subscriptionId),
                QueryParams.oneOf("status", status, InvoiceStatus::fromWire, InvoiceStatus.allWire()));
        return invoices.list(tenant.tenantId(), filter, page).map(result -> result.map(InvoiceResponse::from));
    }
}
