package dev.billforge.invoicing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.service.TaxRates;

/**
 * The tenant's tax rates. Invoices drafted after a rate is made for a customer's country (or region) are taxed at it;
 * rates are not edited: a newer rate for the same place takes over for invoices drafted after it.
 */
@Path("/v1/tax-rates")
@Produces(MediaType.APPLICATION_JSON)
public class TaxRateResource {

    private final TaxRates rates;
    private final IdempotentRequests idempotency;
    private final TenantContext tenant;

    public TaxRateResource(TaxRates rates, IdempotentRequests idempotency, TenantContext tenant) {
        this.rates = rates;
        this.idempotency = idempotency;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateTaxRateRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request, Response.Status.CREATED,
                () -> rates.create(tenantId, request.displayName(), request.country(), request.region(),
                        request.percentage(), Boolean.TRUE.equals(request.inclusive())).map(TaxRateResponse::from));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<TaxRateResponse> get(@RestPath String id) {
        return rates.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.TAX_RATE_NOT_FOUND, "tax rate"))
                .map(TaxRateResponse::from);
    }

    /** Newest first, optionally one country's. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<TaxRateResponse>> list(@RestQuery String limit, @RestQuery("starting_after") String startingAfter,
            @RestQuery String country) {
        return rates.list(tenant.tenantId(), country, PageRequest.of(limit, startingAfter))
                .map(page -> page.map(TaxRateResponse::from));
    }
}
