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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Plan;
import dev.billforge.console.model.PlanChangePreview;
import dev.billforge.console.model.Subscription;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/**
 * The web console's subscription pages: addresses people can bookmark, server-rendered, every action a form post
 * carrying a CSRF token and an idempotency key (resubmitting it replays the first answer), then a redirect.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ConsolePages {

    /** What the page says after an action redirected to it with {@code ?done=}. */
    private static final Map<String, String> NOTICES = Map.of(
            "cancels", "The subscription will be canceled at the end of its current period.",
            "canceled", "The subscription is canceled.",
            "paused", "The subscription is paused: no renewals, no payment retries.",
            "resumed", "The subscription is active again, with a new period from now.",
            "plan-changed", "The plan is changed; its prorations are billed as the preview showed.");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance subscriptions(Viewer viewer, SubscriptionList list);

        static native TemplateInstance subscriptions$cards(Viewer viewer, SubscriptionList list);

        static native TemplateInstance subscription(Viewer viewer, SubscriptionRow row, List<Invoice> invoices,
                String notice, String formKey);

        static native TemplateInstance confirmCancel(Viewer viewer, SubscriptionRow row, String formKey);

        static native TemplateInstance changePlan(Viewer viewer, SubscriptionRow row, List<Plan> plans,
                PlanChangePreview preview, List<String> behaviors, String formKey);

        static native TemplateInstance problem(Viewer viewer, String title, String message, String code);
    }

    private final ConsoleReads reads;
    private final ServiceApis apis;
    private final Viewer viewer;

    public ConsolePages(ConsoleReads reads, ServiceApis apis, Viewer viewer) {
        this.reads = reads;
        this.apis = apis;
        this.viewer = viewer;
    }

    @GET
    public Response home() {
        return Forms.seeOther("/console/subscriptions");
    }

    /**
     * The list; with {@code HX-Request} (the live refresh every few seconds) just its cards, or 204 (nothing to swap)
     * when they are still the version {@code v} the page shows.
     */
    @GET
    @Path("/subscriptions")
    public Uni<Response> subscriptions(@RestQuery String status, @RestQuery String email,
            @RestQuery String after, @RestQuery("v") String shownVersion, @RestHeader("HX-Request") String htmx) {
        return reads.subscriptions(status, email, after).map(list -> {
            if (htmx == null) {
                return html(Templates.subscriptions(viewer, list));
            }
            return list.version().equals(shownVersion) ? Response.noContent().build()
                    : html(Templates.subscriptions$cards(viewer, list));
        });
    }

    private static Response html(TemplateInstance page) {
        return Response.ok(page).type(MediaType.TEXT_HTML).header("Vary", "HX-Request")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/subscriptions/{id}")
    public Uni<TemplateInstance> subscription(@RestPath String id, @RestQuery String done) {
        return reads.subscription(id).flatMap(row -> reads.invoicesOf(row.subscription().id())
                .map(invoices -> Templates.subscription(viewer, row, invoices, Forms.notice(NOTICES, done),
                        Forms.key())));
    }

    /** Cancelling asks first: now, or at the end of the period already paid for. */
    @GET
    @Path("/subscriptions/{id}/cancel")
    public Uni<TemplateInstance> confirmCancel(@RestPath String id) {
        viewer.requireCanAct("Your role can read subscriptions, not cancel them.");
        return reads.subscription(id).map(row -> {
            if (row.subscription().status().equals("canceled")) {
                throw ServiceProblem.of(ErrorCode.SUBSCRIPTION_CANCELED, "This subscription is already canceled.");
            }
            return Templates.confirmCancel(viewer, row, Forms.key());
        });
    }

    record CancelBody(boolean atPeriodEnd) {
    }

    @POST
    @Path("/subscriptions/{id}/cancel")
    public Uni<Response> cancel(@RestPath String id, @RestForm("csrf_token") String csrf,
            @RestForm("idempotency_key") String key, @RestForm String when) {
        viewer.requireCsrf(csrf);
        if (!"period_end".equals(when) && !"now".equals(when)) { // never a cancellation by default
            throw ServiceProblem.of(ErrorCode.VALIDATION_FAILED, "Choose when to cancel: now or at the period end.");
        }
        boolean atPeriodEnd = when.equals("period_end");
        // One key per choice: going back and choosing the other is another action, not a reused key.
        String formKey = Forms.blankToNull(key);
        String choiceKey = formKey == null ? null : formKey + ":" + when;
        return act(id, "/cancel", new CancelBody(atPeriodEnd), choiceKey, atPeriodEnd ? "cancels" : "canceled");
    }

    static final List<String> PRORATION_BEHAVIORS = List.of("create_prorations", "always_invoice", "none");

    /**
     * Changing plan: the plans it can move to (active, same currency), and once one is chosen, what the change would
     * bill now (the proration preview) before it is confirmed.
     */
    @GET
    @Path("/subscriptions/{id}/change-plan")
    public Uni<TemplateInstance> changePlan(@RestPath String id, @RestQuery String plan,
            @RestQuery String proration) {
        viewer.requireCanAct("Your role can read subscriptions, not change them.");
        String asked = Forms.blankToNull(proration);
        String behavior = asked == null ? "create_prorations" : asked;
        return reads.subscription(id).flatMap(row -> {
            Subscription subscription = row.subscription();
            Uni<List<Plan>> plans = apis.firstPage(BillingService.SUBSCRIPTION, "/v1/plans", Params.of("limit", 100),
                    Plan.class).map(all -> all.stream().filter(other -> other.active()
                            && other.currency().equals(subscription.plan().currency())
                            && !other.id().equals(subscription.plan().id())).toList());
            Uni<PlanChangePreview> preview = Forms.blankToNull(plan) == null ? Uni.createFrom().nullItem()
                    : apis.get(BillingService.SUBSCRIPTION, ApiPath.of("/v1/subscriptions/%s/change-plan/preview",
                            subscription.id()), Params.of("plan_id", Ids.require(plan, ErrorCode.PLAN_NOT_FOUND))
                                    .and("proration_behavior", behavior), PlanChangePreview.class);
            return Uni.combine().all().unis(plans, preview).asTuple().map(both -> Templates.changePlan(viewer, row,
                    both.getItem1(), both.getItem2(), PRORATION_BEHAVIORS, Forms.key()));
        });
    }

    record ChangePlanBody(String planId, String prorationBehavior) {
    }

    @POST
    @Path("/subscriptions/{id}/change-plan")
    public Uni<Response> confirmChangePlan(@RestPath String id, @RestForm("csrf_token") String csrf,
            @RestForm("idempotency_key") String key, @RestForm("plan_id") String planId,
            @RestForm("proration_behavior") String behavior) {
        viewer.requireCsrf(csrf);
        return act(id, "/change-plan", new ChangePlanBody(Ids.require(planId, ErrorCode.PLAN_NOT_FOUND),
                Forms.blankToNull(behavior)), key, "plan-changed");
    }

    /** Pause (no renewals, no retries) or resume (a new period from now, invoiced at once). */
    @POST
    @Path("/subscriptions/{id}/{action: pause|resume}")
    public Uni<Response> pauseOrResume(@RestPath String id, @RestPath String action,
            @RestForm("csrf_token") String csrf, @RestForm("idempotency_key") String key) {
        viewer.requireCsrf(csrf);
        return act(id, "/" + action, null, key, action.equals("pause") ? "paused" : "resumed");
    }

    /** An action on the subscription, then back to its page (post, redirect, get: a reload never posts again). */
    private Uni<Response> act(String id, String action, Object body, String key, String done) {
        String path = ApiPath.of("/v1/subscriptions/%s", Ids.require(id, ErrorCode.SUBSCRIPTION_NOT_FOUND));
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, path + action, body,
                Forms.blankToNull(key), Subscription.class)
                .map(changed -> Forms.seeOther("/console/subscriptions/" + changed.id() + "?done=" + done));
    }
}
