package dev.billforge.payment.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.paging.Page;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.payment.service.PaymentRefunds;
import dev.billforge.payment.service.PaymentService;

/** Refunds of a captured payment: asked for here, or made in the provider's dashboard and listed here too. */
@Path("/v1/payments/{paymentId}/refunds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.READ })
public class RefundResource {

    private final PaymentRefunds refunds;
    private final TenantContext tenant;

    public RefundResource(PaymentRefunds refunds, TenantContext tenant) {
        this.refunds = refunds;
        this.tenant = tenant;
    }

    /**
     * Gives back {@code amount} (all that is left when omitted) through the payment's provider: 201 with the refund,
     * {@code succeeded} or {@code failed} as the provider answered, or {@code pending} while its answer is unknown
     * (it is asked again until it answers). An {@code Idempotency-Key} seen before answers 201, like every other
     * replayed POST, with the refund it created as it stands now, marked {@code Idempotent-Replayed: true}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@RestPath String paymentId, @Valid CreateRefundRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey) {
        IdempotentRequests.requireValidKey(idempotencyKey);
        CreateRefundRequest asked = request == null ? new CreateRefundRequest(null, null) : request;
        return refunds.refund(tenant.tenantId(), payment(paymentId), asked.amount(), asked.reason(), idempotencyKey)
                .map(result -> (result.replayed()
                        ? Response.status(Response.Status.CREATED).header(IdempotentRequests.REPLAYED_HEADER, "true")
                        : Response.status(Response.Status.CREATED))
                        .entity(RefundResponse.from(result.refund())).build());
    }

    /** The payment's refunds, newest first. */
    @GET
    public Uni<Page<RefundResponse>> list(@RestPath String paymentId) {
        return refunds.listForPayment(tenant.tenantId(), payment(paymentId))
                .map(list -> new Page<>(list.stream().map(RefundResponse::from).toList(), false));
    }

    @GET
    @Path("/{id}")
    public Uni<RefundResponse> get(@RestPath String paymentId, @RestPath String id) {
        UUID payment = payment(paymentId);
        UUID refundId = ResourceIds.parse(id, ErrorCode.REFUND_NOT_FOUND, "refund");
        return refunds.get(tenant.tenantId(), refundId)
                .invoke(refund -> {
                    if (!refund.paymentId().equals(payment)) {
                        throw ResourceIds.notFound(ErrorCode.REFUND_NOT_FOUND, "refund", refundId);
                    }
                })
                .map(RefundResponse::from);
    }

    private static UUID payment(String id) {
        return ResourceIds.parse(id, ErrorCode.PAYMENT_NOT_FOUND, "payment");
    }
}
