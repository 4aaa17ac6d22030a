package dev.billforge.invoicing.api;

import java.time.YearMonth;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.validation.CurrencyCodes;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.invoicing.service.RevenueRecognition;

/**
 * Recognised revenue, for finance: each paid invoice line's schedule, and a currency's revenue month by month. Both
 * are net of tax and in the currency's minor unit.
 */
@Path("/v1/revenue")
@Produces(MediaType.APPLICATION_JSON)
public class RevenueResource {

    private final RevenueRecognition revenue;
    private final BusinessClock clock;
    private final TenantContext tenant;

    public RevenueResource(RevenueRecognition revenue, BusinessClock clock, TenantContext tenant) {
        this.revenue = revenue;
        this.clock = clock;
        this.tenant = tenant;
    }

    /** The invoice's schedules, one per paid line; none for an invoice that is unpaid, unknown or another tenant's. */
    @GET
    @Path("/schedules")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<RevenueScheduleResponse>> schedules(@RestQuery("invoice_id") String invoiceId) {
        String tenantId = tenant.tenantId();
        UUID id = QueryParams.id("invoice_id", QueryParams.required("invoice_id", invoiceId));
        return revenue.entriesOf(tenantId, id)
                .emitOn(Infrastructure.getDefaultWorkerPool()) // month by month arithmetic: not on the event loop
                .map(entries -> new Page<>(RevenueScheduleResponse.of(entries, clock.now(tenantId)), false));
    }

    /** {@code from} and {@code to} are months ({@code yyyy-MM}, both included), at most 120 of them. */
    @GET
    @Path("/summary")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<RevenueSummaryResponse> summary(@RestQuery String from, @RestQuery String to,
            @RestQuery String currency) {
        YearMonth first = QueryParams.month("from", QueryParams.required("from", from));
        YearMonth last = QueryParams.month("to", QueryParams.required("to", to));
        String code = CurrencyCodes.require("currency", QueryParams.required("currency", currency));
        return revenue.summary(tenant.tenantId(), code, first, last)
                .map(months -> RevenueSummaryResponse.of(code, months));
    }
}
