package dev.billforge.invoicing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.invoicing.service.BillRunReport;

/** The tenant's bill run for a month, as it stands: what the console's operations page shows, live. */
@Path("/v1/bill-run")
@Produces(MediaType.APPLICATION_JSON)
public class BillRunResource {

    private final BillRunReport report;
    private final TenantContext tenant;

    public BillRunResource(BillRunReport report, TenantContext tenant) {
        this.report = report;
        this.tenant = tenant;
    }

    /** {@code month} ({@code yyyy-MM}) defaults to the current one on the tenant's clock (a test clock moves it). */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<BillRunResponse> progress(@RestQuery String month) {
        return report.progress(tenant.tenantId(), QueryParams.month("month", month)).map(BillRunResponse::from);
    }
}
