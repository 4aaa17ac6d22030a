package dev.billforge.payment.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.paging.Page;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.payment.service.PaymentDisputes;
import dev.billforge.payment.service.PaymentService;

/** A payment's disputes (chargebacks). Read-only: they are opened and decided at the provider, and come by webhook. */
@Path("/v1/payments/{paymentId}/disputes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.READ })
public class DisputeResource {

    private final PaymentDisputes disputes;
    private final TenantContext tenant;

    public DisputeResource(PaymentDisputes disputes, TenantContext tenant) {
        this.disputes = disputes;
        this.tenant = tenant;
    }

    /** Newest first. */
    @GET
    public Uni<Page<DisputeResponse>> list(@RestPath String paymentId) {
        return disputes.listForPayment(tenant.tenantId(),
                ResourceIds.parse(paymentId, ErrorCode.PAYMENT_NOT_FOUND, "payment"))
                .map(list -> new Page<>(list.stream().map(DisputeResponse::from).toList(), false));
    }
}
