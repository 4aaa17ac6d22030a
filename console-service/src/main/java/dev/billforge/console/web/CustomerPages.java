package dev.billforge.console.web;

import java.util.List;

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
import dev.billforge.console.model.CustomerBalance;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Notification;
import dev.billforge.console.model.PaymentMethod;
import dev.billforge.console.model.Subscription;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/**
 * Customers: found by billing email (the services compare its blind index, never the address) or listed newest
 * first, and one customer's whole billing picture on one page, where one-off invoices start.
 */
@Path("/console/customers")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class CustomerPages {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance customers(Viewer viewer, List<Customer> customers, String email,
                String nextCursor);

        static native TemplateInstance customer(Viewer viewer, CustomerView view, String formKey);
    }

    /** What the customer page shows, read in one round of parallel calls. */
    public record CustomerView(Customer customer, CustomerBalance balance, List<PaymentMethod> paymentMethods,
            List<Subscription> subscriptions, List<Invoice> invoices, List<Notification> notifications) {

        /** The balances that are not zero: a credit (negative) or an amount carried to the next invoice. */
        public List<CustomerBalance.Balance> openBalances() {
            return balance == null || balance.balances() == null ? List.of()
                    : balance.balances().stream().filter(b -> b.balance() != 0).toList();
        }
    }

    private final ServiceApis apis;
    private final Viewer viewer;

    public CustomerPages(ServiceApis apis, Viewer viewer) {
        this.apis = apis;
        this.viewer = viewer;
    }

    @GET
    public Uni<TemplateInstance> customers(@RestQuery String email, @RestQuery String after) {
        String wanted = Forms.blankToNull(email);
        String start = Forms.cursor(after, ErrorCode.CUSTOMER_NOT_FOUND);
        return apis.list(BillingService.CUSTOMER, "/v1/customers", Params.of("limit", ConsoleReads.PAGE_SIZE)
                .and("email", wanted).and("starting_after", start), Customer.class)
                .map(page -> Templates.customers(viewer, page.data(), wanted,
                        wanted == null ? page.nextCursor(Customer::id) : null));
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> customer(@RestPath String id) {
        String customerId = Ids.require(id, ErrorCode.CUSTOMER_NOT_FOUND);
        String path = ApiPath.of("/v1/customers/%s", customerId);
        Params ofCustomer = Params.of("limit", ConsoleReads.PAGE_SIZE).and("customer_id", customerId);
        // The customer first: another tenant's id stops here, as a 404, before anything else is asked.
        return apis.get(BillingService.CUSTOMER, path, Params.none(), Customer.class).flatMap(customer -> Uni.combine()
                .all().unis(apis.get(BillingService.CUSTOMER, path + "/balance", Params.none(), CustomerBalance.class),
                        apis.firstPage(BillingService.PAYMENT, "/v1/payment-methods", ofCustomer, PaymentMethod.class),
                        apis.firstPage(BillingService.SUBSCRIPTION, "/v1/subscriptions", ofCustomer,
                                Subscription.class),
                        apis.firstPage(BillingService.INVOICING, "/v1/invoices", ofCustomer, Invoice.class),
                        apis.firstPage(BillingService.NOTIFICATION, "/v1/notifications", ofCustomer,
                                Notification.class))
                .asTuple()
                .map(all -> Templates.customer(viewer, new CustomerView(customer, all.getItem1(), all.getItem2(),
                        all.getItem3(), all.getItem4(), all.getItem5()), Forms.key())));
    }

    record Draft(String customerId, String currency, String collectionMethod, Integer daysUntilDue,
            String description) {
    }

    record FirstLine(String description, long unitAmount, long quantity) {
    }

    /**
     * A one-off invoice: a draft with its first line, then its page (more lines, finalize). Each step has its own key
     * derived from the form's, so a resubmitted form replays both instead of drafting twice.
     */
    @POST
    @Path("/{id}/invoices")
    public Uni<Response> draftInvoice(@RestPath String id, @RestForm("csrf_token") String csrf,
            @RestForm("idempotency_key") String key, @RestForm String currency, @RestForm String description,
            @RestForm("collection_method") String collectionMethod, @RestForm("days_until_due") String daysUntilDue,
            @RestForm("line_description") String lineDescription, @RestForm("unit_amount") String unitAmount,
            @RestForm String quantity) {
        viewer.requireCsrf(csrf);
        String code = MoneyInput.currency(currency);
        boolean sendInvoice = "send_invoice".equals(collectionMethod);
        Draft draft = new Draft(Ids.require(id, ErrorCode.CUSTOMER_NOT_FOUND), code,
                sendInvoice ? "send_invoice" : "charge_automatically",
                sendInvoice ? MoneyInput.smallCount("days_until_due", daysUntilDue, 30) : null,
                Forms.blankToNull(description));
        FirstLine line = new FirstLine(lineDescription, MoneyInput.minorUnits("unit_amount", unitAmount, code),
                MoneyInput.count("quantity", quantity, 1));
        String formKey = Forms.blankToNull(key);
        return apis.send(BillingService.INVOICING, HttpMethod.POST, "/v1/invoices", draft,
                formKey == null ? null : formKey + ":draft", Invoice.class)
                .flatMap(drafted -> apis.send(BillingService.INVOICING, HttpMethod.POST,
                        InvoicePages.path(drafted.id()) + "/lines", line,
                        formKey == null ? null : formKey + ":line", Invoice.class))
                .map(invoice -> Forms.seeOther("/console/invoices/" + invoice.id() + "?done=created"));
    }
}
