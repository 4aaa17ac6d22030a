package dev.billforge.invoicing.api;

import java.time.YearMonth;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.invoicing.store.BillRunFigures;

/** The tenant's bill run for a month, as it stands: what the console's operations page shows, live. */
@Path("/v1/bill-run")
@Produces(MediaType.APPLICATION_JSON)
public class BillRunResource {

    private final BillRunFigures figures;
    private final BusinessClock clock;
    private final TenantContext tenant;

    public BillRunResource(BillRunFigures figures, BusinessClock clock, TenantContext tenant) {
        this.figures = figures;
        this.clock = clock;
        this.tenant = tenant;
    }

    /** {@code month} ({@code yyyy-MM}) defaults to the current one on the tenant's clock (a test clock moves it). */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<BillRunResponse> progress(@RestQuery String month) {
        String tenantId = tenant.tenantId();
        YearMonth asked = QueryParams.month("month", month);
        YearMonth wanted = asked != null ? asked : YearMonth.from(clock.now(tenantId).atOffset(ZoneOffset.UTC));
        return Panache.withSession(() -> figures.of(tenantId, wanted)).map(BillRunResponse::from);
    }
}
