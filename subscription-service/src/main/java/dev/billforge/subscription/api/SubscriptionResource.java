package dev.billforge.subscription.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.MergePatchReader;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.subscription.domain.ProrationBehavior;
import dev.billforge.subscription.domain.Subscription;
import dev.billforge.subscription.domain.SubscriptionStatus;
import dev.billforge.subscription.service.PlanService;
import dev.billforge.subscription.service.SubscriptionService;

@Path("/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final CustomerDirectory customers;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;
    private final MergePatchReader patches;

    public SubscriptionResource(SubscriptionService subscriptions, CustomerDirectory customers, TenantContext tenant,
            IdempotentRequests idempotency, MergePatchReader patches) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.tenant = tenant;
        this.idempotency = idempotency;
        this.patches = patches;
    }

    /**
     * The customer is checked against this service's directory first, outside any transaction: a customer
     * created a moment ago may still be on its way through Kafka, and waiting for it must not hold a connection.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateSubscriptionRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID customerId = ResourceIds.parse(request.customerId(), ErrorCode.CUSTOMER_NOT_FOUND, "customer");
        UUID planId = ResourceIds.parse(request.planId(), ErrorCode.PLAN_NOT_FOUND, "plan");
        return customers.require(tenantId, customerId)
                .flatMap(customer -> idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request,
                        Response.Status.CREATED, () -> subscriptions.create(tenantId, customerId, planId,
                                request.trialPeriodDays(), request.metadata()).map(SubscriptionResponse::from)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<SubscriptionResponse> get(@RestPath String id) {
        return subscriptions.get(tenant.tenantId(), subscriptionId(id)).map(SubscriptionResponse::from);
    }

    /** Newest first; filters: {@code customer_id} (repeated for several customers), {@code status}. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<SubscriptionResponse>> list(@RestQuery String limit,
            @RestQuery("starting_after") String startingAfter, @RestQuery("customer_id") List<String> customerIds,
            @RestQuery String status) {
        return subscriptions.list(tenant.tenantId(), QueryParams.ids("customer_id", customerIds),
                QueryParams.oneOf("status", status, SubscriptionStatus::fromWire,
                        WireName.allWire(SubscriptionStatus.class)),
                PageRequest.of(limit, startingAfter)).map(page -> page.map(SubscriptionResponse::from));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> cancel(@RestPath String id, @Valid CancelSubscriptionRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID subscriptionId = subscriptionId(id);
        boolean atPeriodEnd = request != null && request.endsAtPeriodEnd();
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(),
                request == null ? new CancelSubscriptionRequest(null) : request, Response.Status.OK,
                () -> subscriptions.cancel(tenantId, subscriptionId, atPeriodEnd).map(SubscriptionResponse::from));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MergePatchReader.MEDIA_TYPE })
    @RolesAllowed(Roles.ADMIN)
    public Uni<SubscriptionResponse> update(@RestPath String id, JsonNode body) throws JsonProcessingException {
        var changes = UpdateSubscriptionRequest.toChanges(patches.read(body, UpdateSubscriptionRequest.class));
        return subscriptions.update(tenant.tenantId(), subscriptionId(id), changes).map(SubscriptionResponse::from);
    }

    /** No renewals and no payment retries until resumed; 409 {@code subscription_paused} or {@code _canceled}. */
    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> pause(@RestPath String id, @RestHeader(IdempotentRequests.HEADER) String idempotencyKey,
            UriInfo uri) {
        return bodilessAction(id, idempotencyKey, uri, subscriptions::pause);
    }

    /** Active again with a new period from now, invoiced at once; 409 {@code subscription_not_paused}. */
    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> resume(@RestPath String id, @RestHeader(IdempotentRequests.HEADER) String idempotencyKey,
            UriInfo uri) {
        return bodilessAction(id, idempotencyKey, uri, subscriptions::resume);
    }

    /** A POST action on one subscription that takes no body, answered 200 with the subscription (and replayable). */
    private Uni<Response> bodilessAction(String id, String idempotencyKey, UriInfo uri,
            BiFunction<String, UUID, Uni<Subscription>> action) {
        String tenantId = tenant.tenantId();
        UUID subscriptionId = subscriptionId(id);
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), Map.of(), Response.Status.OK,
                () -> action.apply(tenantId, subscriptionId).map(SubscriptionResponse::from));
    }

    /**
     * Moves the subscription to another plan in the same currency, prorated to the second; 400
     * {@code currency_mismatch}, 409 {@code plan_unchanged}, {@code subscription_paused}, {@code subscription_canceled}.
     */
    @POST
    @Path("/{id}/change-plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> changePlan(@RestPath String id, @Valid @NotNull ChangePlanRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID subscriptionId = subscriptionId(id);
        UUID planId = ResourceIds.parse(request.planId(), ErrorCode.PLAN_NOT_FOUND, "plan");
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request, Response.Status.OK,
                () -> subscriptions.changePlan(tenantId, subscriptionId, planId, request.behavior())
                        .map(SubscriptionResponse::from));
    }

    /**
     * What {@code change-plan} to {@code plan_id} would bill now ({@code proration_behavior} as there), changing
     * nothing: refused as the change would be.
     */
    @GET
    @Path("/{id}/change-plan/preview")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<PlanChangePreviewResponse> previewPlanChange(@RestPath String id,
            @RestQuery("plan_id") String planId, @RestQuery("proration_behavior") String prorationBehavior) {
        UUID subscriptionId = subscriptionId(id);
        ProrationBehavior asked = QueryParams.oneOf("proration_behavior", prorationBehavior,
                ProrationBehavior::fromWire, WireName.allWire(ProrationBehavior.class));
        ProrationBehavior behavior = asked == null ? ProrationBehavior.CREATE_PRORATIONS : asked;
        return subscriptions.previewPlanChange(tenant.tenantId(), subscriptionId,
                () -> ResourceIds.parse(QueryParams.required("plan_id", planId), ErrorCode.PLAN_NOT_FOUND, "plan"),
                behavior)
                .map(change -> PlanChangePreviewResponse.of(subscriptionId.toString(), change));
    }

    private static UUID subscriptionId(String id) {
        return ResourceIds.parse(id, ErrorCode.SUBSCRIPTION_NOT_FOUND, "subscription");
    }
}
