package dev.billforge.console.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
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
                .and("starting_after", after == null || after.isBlank() ? null
                        : Ids.require(after, ErrorCode.PLAN_NOT_FOUND)), Plan.class)
                .map(page -> Templates.plans(viewer, page.data(), page.nextCursor(Plan::id), notice(done),
                        ConsolePages.formKey()));
    }

    record NewPlan(String name, String description, long amount, String currency, String interval,
            int intervalCount) {
    }

    @POST
    public Uni<Response> create(@RestForm("csrf_token") String csrf, @RestForm("idempotency_key") String key,
            @RestForm String name, @RestForm String description, @RestForm String price, @RestForm String currency,
            @RestForm String interval, @RestForm("interval_count") String intervalCount) {
        viewer.requireCsrf(csrf);
        String code = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        NewPlan plan = new NewPlan(name, description == null || description.isBlank() ? null : description,
                minorUnits(price, code), code, interval, count(intervalCount));
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, "/v1/plans", plan, blankToNull(key),
                Plan.class).map(created -> ConsolePages.seeOther("/console/plans?done=created"));
    }

    /** Archive (no new subscriptions) or restore a plan. */
    @POST
    @Path("/{id}/{action: archive|restore}")
    public Uni<Response> archive(@RestPath String id, @RestPath String action, @RestForm("csrf_token") String csrf) {
        viewer.requireCsrf(csrf);
        String path = ApiPath.of("/v1/plans/%s", Ids.require(id, ErrorCode.PLAN_NOT_FOUND));
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.PATCH, path,
                Map.of("active", action.equals("restore")), null, Plan.class)
                .map(changed -> ConsolePages.seeOther("/console/plans?done=" + (changed.active() ? "restored"
                        : "archived")));
    }

    /**
     * A price typed in the currency's major unit ({@code 19.99} USD, {@code 500} JPY) in its minor unit, exactly:
     * more decimals than the currency has is refused, never rounded.
     */
    static long minorUnits(String price, String currency) {
        try {
            int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            BigDecimal major = new BigDecimal(price.trim().replace(",", ""));
            return major.movePointRight(digits).longValueExact();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("price", "Give a currency code (ISO 4217, e.g. USD) and a price such as 19.99.");
        } catch (ArithmeticException e) {
            throw invalid("price", "The price has more decimals than " + currency + " has.");
        }
    }

    private static int count(String raw) {
        try {
            return raw == null || raw.isBlank() ? 1 : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid("interval_count", "Give the number of intervals between invoices, e.g. 1.");
        }
    }

    private static ServiceProblem invalid(String field, String message) {
        return ServiceProblem.invalidField(field, ErrorCode.INVALID_VALUE, message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "created" -> "The plan was added to the catalogue.";
            case "archived" -> "The plan is archived: it takes no new subscriptions; existing ones go on.";
            case "restored" -> "The plan takes new subscriptions again.";
            default -> null;
        };
    }
}
