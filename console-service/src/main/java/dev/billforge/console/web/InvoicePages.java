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

import dev.billforge.console.model.CreditNote;
import dev.billforge.console.model.Customer;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Payment;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/**
 * An invoice: its lines, tax, payments and credit notes, its PDF, and what can be done to it in its status (a draft
 * takes lines and is finalized; an open invoice is paid now, voided or written off). One-off invoices start on the
 * customer's page ({@link CustomerPages}) and are completed here.
 */
@Path("/console/invoices")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class InvoicePages {

    /** What the page says after an action redirected to it with {@code ?done=}. */
    private static final Map<String, String> NOTICES = Map.of(
            "created", "The draft is created. Add lines, then finalize it to give it a number and collect it.",
            "line", "The line is added.",
            "finalize", "The invoice is finalized: it has its number and is being collected.",
            "pay", "A payment attempt is on its way; the invoice shows the outcome in a moment.",
            "void", "The invoice is void: nothing more will be collected.",
            "mark-uncollectible", "The invoice is written off: no more retries. It can still be paid.");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance invoice(Viewer viewer, Invoice invoice, Customer customer,
                List<Payment> payments, List<CreditNote> creditNotes, String notice, String formKey);
    }

    private final ServiceApis apis;
    private final Batches batches;
    private final Viewer viewer;

    public InvoicePages(ServiceApis apis, Batches batches, Viewer viewer) {
        this.apis = apis;
        this.batches = batches;
        this.viewer = viewer;
    }

    /** The invoice, then its customer, payments and credit notes at once: two round trips. */
    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> invoice(@RestPath String id, @RestQuery String done) {
        return apis.get(BillingService.INVOICING, path(id), Params.none(), Invoice.class).flatMap(invoice -> {
            Uni<List<Customer>> customer = batches.customers(List.of(invoice.customerId()));
            Uni<List<Payment>> payments = apis.firstPage(BillingService.PAYMENT, "/v1/payments",
                    Params.of("limit", 100).and("invoice_id", invoice.id()), Payment.class);
            Uni<List<CreditNote>> creditNotes = apis.firstPage(BillingService.INVOICING, "/v1/credit-notes",
                    Params.of("limit", 100).and("invoice_id", invoice.id()), CreditNote.class);
            return Uni.combine().all().unis(customer, payments, creditNotes).asTuple()
                    .map(all -> Templates.invoice(viewer, invoice, all.getItem1().get(0), all.getItem2(),
                            all.getItem3(), Forms.notice(NOTICES, done), Forms.key()));
        });
    }

    /**
     * The invoice's PDF, as invoicing renders it (from the invoice as it is now), passed through: the browser saves
     * it under the invoice's number.
     */
    @GET
    @Path("/{id}/pdf")
    @Produces("application/pdf")
    public Uni<Response> pdf(@RestPath String id) {
        return apis.document(BillingService.INVOICING, path(id) + "/pdf", "application/pdf")
                .map(pdf -> Response.ok(pdf.content(), pdf.contentType())
                        .header("Content-Disposition", pdf.disposition() == null ? null
                                : pdf.disposition().replaceFirst("^inline", "attachment"))
                        .header("Cache-Control", "private, no-store").build());
    }

    record NewLine(String description, long unitAmount, long quantity) {
    }

    /** Adds a line to a draft, its price typed in the invoice's own currency (read from the invoice, not the form). */
    @POST
    @Path("/{id}/lines")
    public Uni<Response> addLine(@RestPath String id, @RestForm("csrf_token") String csrf,
            @RestForm("idempotency_key") String key, @RestForm String description,
            @RestForm("unit_amount") String unitAmount, @RestForm String quantity) {
        viewer.requireCsrf(csrf);
        return apis.get(BillingService.INVOICING, path(id), Params.none(), Invoice.class).flatMap(draft -> {
            NewLine line = new NewLine(description, MoneyInput.minorUnits("unit_amount", unitAmount,
                    draft.currency()), MoneyInput.count("quantity", quantity, 1));
            return apis.send(BillingService.INVOICING, HttpMethod.POST, path(id) + "/lines", line,
                    Forms.blankToNull(key), Invoice.class);
        }).map(changed -> back(changed, "line"));
    }

    record PayBody(String paymentMethodId) {
    }

    /**
     * Finalize a draft, pay an open invoice now (a new attempt with the customer's default method), void it or
     * write it off. The services refuse what the invoice's status does not allow, with their own message.
     */
    @POST
    @Path("/{id}/{action: finalize|pay|void|mark-uncollectible}")
    public Uni<Response> act(@RestPath String id, @RestPath String action, @RestForm("csrf_token") String csrf,
            @RestForm("idempotency_key") String key) {
        viewer.requireCsrf(csrf);
        Object body = action.equals("pay") ? new PayBody(null) : null;
        return apis.send(BillingService.INVOICING, HttpMethod.POST, path(id) + "/" + action, body,
                Forms.blankToNull(key), Invoice.class).map(changed -> back(changed, action));
    }

    private static Response back(Invoice invoice, String done) {
        return Forms.seeOther("/console/invoices/" + invoice.id() + "?done=" + done);
    }

    static String path(String id) {
        return ApiPath.of("/v1/invoices/%s", Ids.require(id, ErrorCode.INVOICE_NOT_FOUND));
    }
}
