package dev.billforge.console.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.billforge.console.model.Plan;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * The catalogue: plans listed newest first, a new plan made from a form (the price typed as people write it, in the
 * currency's major unit), and archiving (an archived plan takes no new subscriptions; its price never changes).
 */
@Path("/console/plans")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class PlanPages {

    /** What the page says after an action redirected to it with {@code ?done=}. */
    private static final Map<String, String> NOTICES = Map.of(
            "created", "The plan was added to the catalogue.",
            "edited", "The plan's name and description are saved.",
            "archived", "The plan is archived: it takes no new subscriptions; existing ones go on.",
            "restored", "The plan takes new subscriptions again.");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance plans(Viewer viewer, List<Plan> plans, String nextCursor, String notice,
                String formKey);
    }

    private final ServiceApis apis;
    private final Viewer viewer;

    public PlanPages(ServiceApis apis, Viewer viewer) {
        this.apis = apis;
        this.viewer = viewer;
    }

    @GET
    public Uni<TemplateInstance> plans(@RestQuery String after, @RestQuery String done) {
        return apis.list(BillingService.SUBSCRIPTION, "/v1/plans", Params.of("limit", ConsoleReads.PAGE_SIZE)
                .and("starting_after", Forms.cursor(after, ErrorCode.PLAN_NOT_FOUND)), Plan.class)
                .map(page -> Templates.plans(viewer, page.data(), page.nextCursor(Plan::id),
                        Forms.notice(NOTICES, done), Forms.key()));
    }

    record NewPlan(String name, String description, long amount, String currency, String interval,
            int intervalCount) {
    }

    @POST
    public Uni<Response> create(@RestForm("csrf_token") String csrf, @RestForm("idempotency_key") String key,
            @RestForm String name, @RestForm String description, @RestForm String price, @RestForm String currency,
            @RestForm String interval, @RestForm("interval_count") String intervalCount) {
        viewer.requireCsrf(csrf);
        String code = MoneyInput.currency(currency);
        NewPlan plan = new NewPlan(name, Forms.blankToNull(description), MoneyInput.minorUnits("price", price, code),
                code, interval, MoneyInput.smallCount("interval_count", intervalCount, 1));
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, "/v1/plans", plan, Forms.blankToNull(key),
                Plan.class).map(created -> Forms.seeOther("/console/plans?done=created"));
    }

    record PlanText(String name, String description) {
    }

    /** Renames a plan or rewrites its description; its price and interval never change once subscribed to. */
    @POST
    @Path("/{id}")
    public Uni<Response> edit(@RestPath String id, @RestForm("csrf_token") String csrf, @RestForm String name,
            @RestForm String description) {
        viewer.requireCsrf(csrf);
        String path = ApiPath.of("/v1/plans/%s", Ids.require(id, ErrorCode.PLAN_NOT_FOUND));
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.PATCH, path,
                new PlanText(Forms.blankToNull(name), description == null ? null : description.trim()), null,
                Plan.class)
                .map(changed -> Forms.seeOther("/console/plans?done=edited"));
    }

    /** Archive (no new subscriptions) or restore a plan. */
    @POST
    @Path("/{id}/{action: archive|restore}")
    public Uni<Response> archive(@RestPath String id, @RestPath String action, @RestForm("csrf_token") String csrf) {
        viewer.requireCsrf(csrf);
        String path = ApiPath.of("/v1/plans/%s", Ids.require(id, ErrorCode.PLAN_NOT_FOUND));
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.PATCH, path,
                Map.of("active", action.equals("restore")), null, Plan.class)
                .map(changed -> Forms.seeOther("/console/plans?done=" + (changed.active() ? "restored"
                        : "archived")));
    }
}
