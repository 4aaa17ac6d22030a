package dev.billforge.payment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.payment.domain.PaymentFilter;
import dev.billforge.payment.domain.PaymentStatus;
import dev.billforge.payment.service.PaymentService;

/**
 * Payments are read-only here: they are made by charging finalized invoices. Their refunds are under
 * {@link RefundResource}, their disputes under {@link DisputeResource}.
 */
@Path("/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.READ })
public class PaymentResource {

    private final PaymentService payments;
    private final TenantContext tenant;

    public PaymentResource(PaymentService payments, TenantContext tenant) {
        this.payments = payments;
        this.tenant = tenant;
    }

    @GET
    @Path("/{id}")
    public Uni<PaymentResponse> get(@RestPath String id) {
        return payments.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.PAYMENT_NOT_FOUND, "payment"))
                .map(PaymentResponse::from);
    }

    /** Newest first, optionally narrowed by invoice, customer and status. */
    @GET
    public Uni<Page<PaymentResponse>> list(@RestQuery String limit, @RestQuery("starting_after") String startingAfter,
            @RestQuery("invoice_id") String invoiceId, @RestQuery("customer_id") String customerId,
            @RestQuery String status) {
        PageRequest page = PageRequest.of(limit, startingAfter);
        PaymentFilter filter = new PaymentFilter(QueryParams.id("invoice_id", invoiceId),
                QueryParams.id("customer_id", customerId), QueryParams.oneOf("status", status,
                        PaymentStatus::fromWire, WireName.allWire(PaymentStatus.class)));
        return payments.list(tenant.tenantId(), filter, page).map(result -> result.map(PaymentResponse::from));
    }
}
