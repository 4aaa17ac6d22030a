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
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.service.CreditNoteService;

/** Credit notes are read-only here: each is issued for a refund announced by payment-service. */
@Path("/v1/credit-notes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.READ })
public class CreditNoteResource {

    private final CreditNoteService creditNotes;
    private final TenantContext tenant;

    public CreditNoteResource(CreditNoteService creditNotes, TenantContext tenant) {
        this.creditNotes = creditNotes;
        this.tenant = tenant;
    }

    @GET
    @Path("/{id}")
    public Uni<CreditNoteResponse> get(@RestPath String id) {
        return creditNotes.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.CREDIT_NOTE_NOT_FOUND, "credit note"))
                .map(CreditNoteResponse::from);
    }

    /** Newest first, optionally one invoice's or one customer's. */
    @GET
    public Uni<Page<CreditNoteResponse>> list(@RestQuery String limit,
            @RestQuery("starting_after") String startingAfter, @RestQuery("invoice_id") String invoiceId,
            @RestQuery("customer_id") String customerId) {
        return creditNotes.list(tenant.tenantId(), QueryParams.id("invoice_id", invoiceId),
                QueryParams.id("customer_id", customerId), PageRequest.of(limit, startingAfter))
                .map(result -> result.map(CreditNoteResponse::from));
    }
}
