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

import dev.billforge.console.model.Customer;
import dev.billforge.console.model.Dispute;
import dev.billforge.console.model.Payment;
import dev.billforge.console.model.Refund;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/** Payments: the list (by status), one payment with its refunds and disputes, and refunding part or all of it. */
@Path("/console/payments")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class PaymentPages {

    /** What the page says after an action redirected to it with {@code ?done=}. */
    private static final Map<String, String> NOTICES = Map.of(
            "refund-succeeded", "The refund went through; a credit note records it on the invoice.",
            "refund-pending", "The refund is on its way to the provider; its outcome shows here shortly.",
            "refund-failed", "The provider refused the refund: see the reason below.");

    static final List<String> STATUSES = List.of("pending", "processing", "requires_action", "succeeded", "failed",
            "canceled");
    static final List<String> REFUND_REASONS = List.of("requested_by_customer", "duplicate", "fraudulent");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance payments(Viewer viewer, List<PaymentRow> rows, List<String> statuses,
                String status, String nextCursor);

        static native TemplateInstance payment(Viewer viewer, PaymentRow row, List<Refund> refunds,
                List<Dispute> disputes, List<String> reasons, String notice, String formKey);
    }

    /** A payment with the customer it was taken from (null once the customer is deleted). */
    public record PaymentRow(Payment payment, Customer customer) {

        /** What is left to give back. */
        public long refundable() {
            return payment.status().equals("succeeded") ? payment.amount() - payment.amountRefunded() : 0;
        }
    }

    private final ServiceApis apis;
    private final Batches batches;
    private final Viewer viewer;

    public PaymentPages(ServiceApis apis, Batches batches, Viewer viewer) {
        this.apis = apis;
        this.batches = batches;
        this.viewer = viewer;
    }

    /** Newest first, optionally of one status: two calls (the payments, then their customers in one batch). */
    @GET
    public Uni<TemplateInstance> payments(@RestQuery String status, @RestQuery String after) {
        String wanted = Forms.blankToNull(status);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw ServiceProblem.of(ErrorCode.VALIDATION_FAILED, "Status must be one of " + String.join(", ",
                    STATUSES) + ".");
        }
        String start = Forms.cursor(after, ErrorCode.PAYMENT_NOT_FOUND);
        return apis.list(BillingService.PAYMENT, "/v1/payments", Params.of("limit", ConsoleReads.PAGE_SIZE)
                .and("status", wanted).and("starting_after", start), Payment.class)
                .flatMap(page -> withCustomers(page.data())
                        .map(rows -> Templates.payments(viewer, rows, STATUSES, wanted,
                                page.nextCursor(Payment::id))));
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> payment(@RestPath String id, @RestQuery String done) {
        String path = path(id);
        return apis.get(BillingService.PAYMENT, path, Params.none(), Payment.class)
                .flatMap(payment -> Uni.combine().all().unis(withCustomers(List.of(payment)),
                        apis.firstPage(BillingService.PAYMENT, path + "/refunds", Params.none(), Refund.class),
                        apis.firstPage(BillingService.PAYMENT, path + "/disputes", Params.none(), Dispute.class))
                        .asTuple())
                .map(all -> Templates.payment(viewer, all.getItem1().get(0), all.getItem2(), all.getItem3(),
                        REFUND_REASONS, Forms.notice(NOTICES, done), Forms.key()));
    }

    record RefundBody(Long amount, String reason) {
    }

    /**
     * Gives back the amount typed, in the payment's own currency (read from the payment, not the form), or, left
     * empty, all that is left.
     */
    @POST
    @Path("/{id}/refunds")
    public Uni<Response> refund(@RestPath String id, @RestForm("csrf_token") String csrf,
            @RestForm("idempotency_key") String key, @RestForm String amount, @RestForm String reason) {
        viewer.requireCsrf(csrf);
        String path = path(id);
        return apis.get(BillingService.PAYMENT, path, Params.none(), Payment.class).flatMap(payment -> {
            RefundBody refund = new RefundBody(MoneyInput.optionalMinorUnits("amount", amount, payment.currency()),
                    Forms.blankToNull(reason));
            return apis.send(BillingService.PAYMENT, HttpMethod.POST, path + "/refunds", refund,
                    Forms.blankToNull(key), Refund.class);
        }).map(done -> Forms.seeOther("/console/payments/" + done.paymentId() + "?done=refund-" + done.status()));
    }

    private Uni<List<PaymentRow>> withCustomers(List<Payment> payments) {
        return batches.withCustomers(payments, Payment::customerId, PaymentRow::new);
    }

    private static String path(String id) {
        return ApiPath.of("/v1/payments/%s", Ids.require(id, ErrorCode.PAYMENT_NOT_FOUND));
    }
}
