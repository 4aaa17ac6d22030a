package dev.billforge.invoicing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.document.InvoicePdf;
import dev.billforge.invoicing.service.InvoicePdfs;

/** A finalized invoice as a PDF document: what the customer is sent, printed from the invoice as it is now. */
@Path("/v1/invoices/{id}/pdf")
public class InvoicePdfResource {

    private final InvoicePdfs pdfs;
    private final TenantContext tenant;

    public InvoicePdfResource(InvoicePdfs pdfs, TenantContext tenant) {
        this.pdfs = pdfs;
        this.tenant = tenant;
    }

    @GET
    @Produces(InvoicePdf.MEDIA_TYPE)
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Response> pdf(@RestPath String id) {
        return pdfs.render(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.INVOICE_NOT_FOUND, "invoice"))
                .map(pdf -> Response.ok(pdf.content(), InvoicePdf.MEDIA_TYPE)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + pdf.fileName() + "\"")
                        .build());
    }
}
