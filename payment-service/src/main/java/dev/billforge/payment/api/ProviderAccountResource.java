package dev.billforge.payment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.payment.service.ProviderAccountService;

/**
 * A tenant's own credentials for each payment provider it charges through: billing admins put them, anyone with read access sees which
 * providers are configured, nobody ever reads a secret back.
 */
@Path("/v1/provider-accounts")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderAccountResource {

    private final ProviderAccountService accounts;
    private final TenantContext tenant;

    public ProviderAccountResource(ProviderAccountService accounts, TenantContext tenant) {
        this.accounts = accounts;
        this.tenant = tenant;
    }

    /**
     * The body is the provider's own credentials format (Stripe: {@code secret_key}, {@code webhook_signing_secret};
     * PayPal: {@code client_id}, {@code client_secret}, {@code webhook_id}, {@code mode}), checked by its plugin.
     */
    @PUT
    @Path("/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProviderAccountResponse> put(@RestPath String provider, @NotNull JsonNode credentials) {
        return accounts.put(tenant.tenantId(), provider, credentials).map(ProviderAccountResponse::from);
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<ProviderAccountResponse>> list() {
        // A tenant has at most one account per provider: the list is always complete.
        return accounts.list(tenant.tenantId()).map(found -> new Page<>(found.stream()
                .map(ProviderAccountResponse::from).toList(), false));
    }

    @GET
    @Path("/{provider}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<ProviderAccountResponse> get(@RestPath String provider) {
        return accounts.get(tenant.tenantId(), provider).map(ProviderAccountResponse::from);
    }

    @DELETE
    @Path("/{provider}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeletedProviderAccount> delete(@RestPath String provider) {
        return accounts.delete(tenant.tenantId(), provider)
                .map(account -> new DeletedProviderAccount(ProviderAccountResponse.OBJECT, account.provider(), true));
    }

    /** Like the chassis' DeletedObject, for a resource named by its provider instead of an id. */
    public record DeletedProviderAccount(String object, String provider, boolean deleted) {
    }
}
