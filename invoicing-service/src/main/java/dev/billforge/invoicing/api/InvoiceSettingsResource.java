package dev.billforge.invoicing.api;

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

import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.invoicing.service.InvoiceSettingsService;

/**
 * The tenant's invoice settings: the seller its invoices print (name, email, tax id, address) and their footer. An
 * invoice keeps what it printed when it was finalized; changes apply to invoices finalized afterwards.
 */
@Path("/v1/invoice-settings")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceSettingsResource {

    private final InvoiceSettingsService settings;
    private final TenantContext tenant;

    public InvoiceSettingsResource(InvoiceSettingsService settings, TenantContext tenant) {
        this.settings = settings;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<InvoiceSettingsResponse> get() {
        return settings.get(tenant.tenantId()).map(InvoiceSettingsResponse::from);
    }

    /** Replaces every setting (a PUT, so repeating it is harmless: no Idempotency-Key needed). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<InvoiceSettingsResponse> replace(@Valid @NotNull InvoiceSettingsRequest request) {
        return settings.replace(tenant.tenantId(), request.seller(), request.footer())
                .map(InvoiceSettingsResponse::from);
    }
}
