package dev.billforge.console.web;

import java.time.YearMonth;
import java.util.List;

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

import dev.billforge.console.model.BillRun;
import dev.billforge.console.model.Customer;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.RevenueSummary;
import dev.billforge.console.model.WebhookDelivery;
import dev.billforge.console.model.WebhookEndpoint;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/**
 * What a billing team watches: this month's bill run (live), dunning (open invoices that failed, with their next
 * retry), the webhook endpoints with their delivery logs and replay, and revenue recognised and deferred per month.
 */
@Path("/console/operations")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class OperationsPages {

    /** The months the revenue chart covers: this one and the eleven before it. */
    static final int CHART_MONTHS = 12;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance operations(Viewer viewer, BillRun billRun, List<Dunning> dunning,
                List<WebhookEndpoint> endpoints, RevenueChart revenue, String currency);

        static native TemplateInstance operations$billRun(BillRun billRun);

        static native TemplateInstance webhookEndpoint(Viewer viewer, WebhookEndpoint endpoint,
                List<WebhookDelivery> deliveries, String notice, String formKey);
    }

    /** An open invoice in dunning, with its customer. */
    public record Dunning(Invoice invoice, Customer customer) {
    }

    private final ServiceApis apis;
    private final Batches batches;
    private final Viewer viewer;

    public OperationsPages(ServiceApis apis, Batches batches, Viewer viewer) {
        this.apis = apis;
        this.batches = batches;
        this.viewer = viewer;
    }

    /**
     * The bill run first (its month is the tenant's, which a test clock moves), then the rest at once: the revenue
     * chart ends at that month. With {@code HX-Request} (the live refresh), only the bill run's figures.
     */
    @GET
    public Uni<TemplateInstance> operations(@RestQuery String currency, @RestHeader("HX-Request") String htmx) {
        Uni<BillRun> billRun = apis.get(BillingService.INVOICING, "/v1/bill-run", Params.none(), BillRun.class);
        if (htmx != null) {
            return billRun.map(Templates::operations$billRun);
        }
        String shown = MoneyInput.currency(currency == null || currency.isBlank() ? "USD" : currency);
        return billRun.flatMap(run -> {
            YearMonth month = YearMonth.parse(run.month());
            Uni<RevenueSummary> revenue = apis.get(BillingService.INVOICING, "/v1/revenue/summary",
                    Params.of("currency", shown).and("from", month.minusMonths(CHART_MONTHS - 1).toString())
                            .and("to", month.toString()), RevenueSummary.class);
            Uni<List<WebhookEndpoint>> endpoints = apis.firstPage(BillingService.NOTIFICATION, "/v1/webhook-endpoints",
                    Params.of("limit", ConsoleReads.PAGE_SIZE), WebhookEndpoint.class);
            return Uni.combine().all().unis(revenue, dunning(), endpoints).asTuple()
                    .map(all -> Templates.operations(viewer, run, all.getItem2(), all.getItem3(),
                            RevenueChart.of(all.getItem1()), shown));
        });
    }

    /**
     * Open invoices whose collection failed at least once, with the next automatic retry, and their customers: among
     * the newest 100 open invoices (the page says so), the first 20.
     */
    private Uni<List<Dunning>> dunning() {
        return apis.firstPage(BillingService.INVOICING, "/v1/invoices", Params.of("limit", 100).and("status", "open"),
                Invoice.class).flatMap(open -> {
            List<Invoice> failing = open.stream().filter(invoice -> invoice.attemptCount() > 0
                    && invoice.lastPaymentError() != null).limit(ConsoleReads.PAGE_SIZE).toList();
            return batches.withCustomers(failing, Invoice::customerId, Dunning::new);
        });
    }

    @GET
    @Path("/webhooks/{id}")
    public Uni<TemplateInstance> webhookEndpoint(@RestPath String id, @RestQuery String done) {
        String path = endpointPath(id);
        return apis.get(BillingService.NOTIFICATION, path, Params.none(), WebhookEndpoint.class)
                .flatMap(endpoint -> apis.firstPage(BillingService.NOTIFICATION, path + "/deliveries",
                        Params.of("limit", 50), WebhookDelivery.class)
                        .map(deliveries -> Templates.webhookEndpoint(viewer, endpoint, deliveries,
                                "replayed".equals(done) ? "The event is queued to be sent again, as a new delivery."
                                        : null,
                                Forms.key())));
    }

    /** Sends a delivery's event again, as a new delivery. */
    @POST
    @Path("/webhooks/{id}/deliveries/{deliveryId}/replay")
    public Uni<Response> replay(@RestPath String id, @RestPath String deliveryId,
            @RestForm("csrf_token") String csrf, @RestForm("idempotency_key") String key) {
        viewer.requireCsrf(csrf);
        String path = endpointPath(id) + ApiPath.of("/deliveries/%s/replay",
                Ids.require(deliveryId, ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND));
        // One key per delivery replayed from this page: another row's button is another action.
        String formKey = Forms.blankToNull(key);
        String replayKey = formKey == null ? null : formKey + ":" + deliveryId;
        return apis.send(BillingService.NOTIFICATION, HttpMethod.POST, path, null, replayKey, WebhookDelivery.class)
                .map(replayed -> Forms.seeOther("/console/operations/webhooks/" + replayed.endpointId()
                        + "?done=replayed"));
    }

    private static String endpointPath(String id) {
        return ApiPath.of("/v1/webhook-endpoints/%s", Ids.require(id, ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND));
    }
}
