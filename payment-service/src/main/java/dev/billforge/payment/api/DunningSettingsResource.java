package dev.billforge.payment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.payment.domain.DunningSchedule;
import dev.billforge.payment.service.DunningSettingsService;

/**
 * The tenant's dunning schedule: when failed invoices are retried and what happens to the subscription when the
 * last retry fails. A change applies to invoices whose dunning begins afterwards.
 */
@Path("/v1/dunning-settings")
@Produces(MediaType.APPLICATION_JSON)
public class DunningSettingsResource {

    private final DunningSettingsService settings;
    private final TenantContext tenant;

    public DunningSettingsResource(DunningSettingsService settings, TenantContext tenant) {
        this.settings = settings;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<DunningSettingsResponse> get() {
        return settings.get(tenant.tenantId()).map(DunningSettingsResponse::from);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<DunningSettingsResponse> put(@Valid @NotNull DunningSettingsRequest request) {
        DunningSchedule schedule;
        try {
            schedule = new DunningSchedule(request.retryDays(), request.whenExhausted());
        } catch (IllegalArgumentException invalid) {
            throw ApiException.invalidField("retry_days", ErrorCode.INVALID_RETRY_DAYS, "Retry days must be 1 to "
                    + DunningSchedule.MAX_RETRIES + " whole days from 1 to " + DunningSchedule.MAX_DAYS
                    + ", strictly increasing, such as [3, 5, 7].");
        }
        return settings.put(tenant.tenantId(), schedule).map(DunningSettingsResponse::from);
    }
}
