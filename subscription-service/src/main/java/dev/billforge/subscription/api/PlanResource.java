package dev.billforge.subscription.api;

import java.util.List;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.web.MergePatchReader;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.subscription.service.PlanService;

@Path("/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanService plans;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;
    private final MergePatchReader patches;

    public PlanResource(PlanService plans, TenantContext tenant, IdempotentRequests idempotency,
            MergePatchReader patches) {
        this.plans = plans;
        this.tenant = tenant;
        this.idempotency = idempotency;
        this.patches = patches;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreatePlanRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        var details = request.toDetails();
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request, Response.Status.CREATED,
                () -> plans.create(tenantId, details).map(PlanResponse::from));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<PlanResponse> get(@RestPath String id) {
        return plans.get(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.PLAN_NOT_FOUND, "plan"))
                .map(PlanResponse::from);
    }

    /** Newest first; {@code active=true|false} filters; {@code id}, repeated, lists just those plans (a batch read). */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<PlanResponse>> list(@RestQuery String limit, @RestQuery("starting_after") String startingAfter,
            @RestQuery String active, @RestQuery("id") List<String> ids) {
        return plans.list(tenant.tenantId(), QueryParams.bool("active", active), QueryParams.ids("id", ids),
                PageRequest.of(limit, startingAfter))
                .map(page -> page.map(PlanResponse::from));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MergePatchReader.MEDIA_TYPE })
    @RolesAllowed(Roles.ADMIN)
    public Uni<PlanResponse> update(@RestPath String id, JsonNode body) throws JsonProcessingException {
        var changes = UpdatePlanRequest.toChanges(patches.read(body, UpdatePlanRequest.class));
        return plans.update(tenant.tenantId(), ResourceIds.parse(id, ErrorCode.PLAN_NOT_FOUND, "plan"), changes)
                .map(PlanResponse::from);
    }
}
