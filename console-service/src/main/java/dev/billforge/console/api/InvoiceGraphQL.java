package dev.billforge.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.billforge.console.model.BillRun;
import dev.billforge.console.model.Connection;
import dev.billforge.console.model.CreditNote;
import dev.billforge.console.model.Customer;
import dev.billforge.console.model.DeletedObject;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.RevenueSchedule;
import dev.billforge.console.model.RevenueSummary;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/** Invoices, credit notes and revenue (invoicing-service). */
@GraphQLApi
public class InvoiceGraphQL {

    private final ServiceApis apis;
    private final Batches batches;

    public InvoiceGraphQL(ServiceApis apis, Batches batches) {
        this.apis = apis;
        this.batches = batches;
    }

    @Query
    public Uni<Invoice> invoice(@NonNull @Id String id) {
        return apis.get(BillingService.INVOICING, path(id), Params.none(), Invoice.class);
    }

    @Query
    @Description("Invoices, newest first; status: draft, open, paid, void, uncollectible.")
    public Uni<Connection<Invoice>> invoices(@DefaultValue("10") int first, String after, @Id String customerId,
            @Id String subscriptionId, String status) {
        return apis.list(BillingService.INVOICING, "/v1/invoices", Paging.of(first, after)
                .and("customer_id", customerId).and("subscription_id", subscriptionId).and("status", status),
                Invoice.class).map(page -> Connection.of(page, Invoice::id));
    }

    @Query
    @Description("A month's bill run as it stands (month: yyyy-MM, the tenant's current one by default).")
    public Uni<BillRun> billRun(String month) {
        return apis.get(BillingService.INVOICING, "/v1/bill-run", Params.of("month", month), BillRun.class);
    }

    @Query
    @Description("The subscription's next renewal invoice as it would be issued now (nothing is created).")
    public Uni<Invoice> upcomingInvoice(@NonNull @Id String subscriptionId) {
        return apis.get(BillingService.INVOICING, "/v1/invoices/upcoming", Params.of("subscription_id",
                Ids.require(subscriptionId, ErrorCode.SUBSCRIPTION_NOT_FOUND)), Invoice.class);
    }

    @Query
    public Uni<CreditNote> creditNote(@NonNull @Id String id) {
        return apis.get(BillingService.INVOICING, ApiPath.of("/v1/credit-notes/%s",
                Ids.require(id, ErrorCode.CREDIT_NOTE_NOT_FOUND)), Params.none(), CreditNote.class);
    }

    @Query
    public Uni<Connection<CreditNote>> creditNotes(@DefaultValue("10") int first, String after, @Id String invoiceId,
            @Id String customerId) {
        return apis.list(BillingService.INVOICING, "/v1/credit-notes", Paging.of(first, after)
                .and("invoice_id", invoiceId).and("customer_id", customerId), CreditNote.class)
                .map(page -> Connection.of(page, CreditNote::id));
    }

    @Query
    @Description("Revenue recognised per month from..to (yyyy-MM) in one currency, net of tax.")
    public Uni<RevenueSummary> revenueSummary(@NonNull String currency, @NonNull String from, @NonNull String to) {
        return apis.get(BillingService.INVOICING, "/v1/revenue/summary", Params.of("currency", currency)
                .and("from", from).and("to", to), RevenueSummary.class);
    }

    @Query
    @Description("How each paid line of the invoice is recognised: to date, deferred, per month.")
    public Uni<List<RevenueSchedule>> revenueSchedules(@NonNull @Id String invoiceId) {
        return apis.firstPage(BillingService.INVOICING, "/v1/revenue/schedules", Params.of("invoice_id",
                Ids.require(invoiceId, ErrorCode.INVOICE_NOT_FOUND)), RevenueSchedule.class);
    }

    // --- one-off invoices and invoice actions ------------------------------------------------------------------

    @Input("InvoiceLineInput")
    @Description("quantity defaults to 1; a line with a service period gives both ends.")
    public record InvoiceLineInput(@NonNull String description, long unitAmount, Long quantity, Instant periodStart,
            Instant periodEnd) {
    }

    @Input("CreateInvoiceInput")
    @Description("A draft for a customer, with its lines; collectionMethod: charge_automatically (default) or "
            + "send_invoice (with daysUntilDue).")
    public record CreateInvoiceInput(@NonNull @Id String customerId, @NonNull String currency,
            String collectionMethod, Integer daysUntilDue, String description, Map<String, String> metadata,
            List<InvoiceLineInput> lines) {
    }

    record DraftBody(String customerId, String currency, String collectionMethod, Integer daysUntilDue,
            String description, Map<String, String> metadata) {
    }

    @Mutation
    @Description("Drafts a one-off invoice and adds its lines. With an idempotencyKey, each step is replayed, not "
            + "repeated, when the same mutation is sent again.")
    public Uni<Invoice> createInvoice(@NonNull CreateInvoiceInput input, String idempotencyKey) {
        DraftBody draft = new DraftBody(input.customerId(), input.currency(), input.collectionMethod(),
                input.daysUntilDue(), input.description(), input.metadata());
        Uni<Invoice> drafted = apis.send(BillingService.INVOICING, HttpMethod.POST, "/v1/invoices", draft,
                step(idempotencyKey, "draft"), Invoice.class);
        List<InvoiceLineInput> lines = input.lines() == null ? List.of() : input.lines();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLineInput line = lines.get(i);
            String key = step(idempotencyKey, "line-" + i);
            drafted = drafted.flatMap(invoice -> addLine(invoice.id(), line, key));
        }
        return drafted;
    }

    @Mutation
    @Description("Adds a line to a draft invoice; answers the whole invoice.")
    public Uni<Invoice> addInvoiceLine(@NonNull @Id String invoiceId, @NonNull InvoiceLineInput line,
            String idempotencyKey) {
        return addLine(Ids.require(invoiceId, ErrorCode.INVOICE_NOT_FOUND), line, idempotencyKey);
    }

    @Mutation
    @Description("Gives a draft its number and makes it due (charged at once unless sent to be paid).")
    public Uni<Invoice> finalizeInvoice(@NonNull @Id String id, String idempotencyKey) {
        return action(id, "finalize", null, idempotencyKey);
    }

    record PayBody(String paymentMethodId) {
    }

    @Mutation
    @Description("Asks for the invoice to be charged now (a new attempt), with the customer's default payment method "
            + "or the one given; the outcome shows on the invoice shortly.")
    public Uni<Invoice> payInvoice(@NonNull @Id String id, @Id String paymentMethodId, String idempotencyKey) {
        return action(id, "pay", new PayBody(paymentMethodId), idempotencyKey);
    }

    @Mutation
    @Description("Voids an open invoice: nothing more is collected; the credit it used goes back.")
    public Uni<Invoice> voidInvoice(@NonNull @Id String id, String idempotencyKey) {
        return action(id, "void", null, idempotencyKey);
    }

    @Mutation
    @Description("Writes an open invoice off: dunning stops; it can still be paid.")
    public Uni<Invoice> markInvoiceUncollectible(@NonNull @Id String id, String idempotencyKey) {
        return action(id, "mark-uncollectible", null, idempotencyKey);
    }

    @Mutation
    @Description("Deletes a draft invoice.")
    public Uni<DeletedObject> deleteInvoice(@NonNull @Id String id) {
        return apis.send(BillingService.INVOICING, HttpMethod.DELETE, path(id), null, null, DeletedObject.class);
    }

    // --- related records ----------------------------------------------------------------------------------------

    @Name("customer")
    @Description("The invoiced customer (null once deleted).")
    public Uni<List<Customer>> customerOfInvoices(@Source List<Invoice> invoices) {
        return batches.customers(invoices.stream().map(Invoice::customerId).toList());
    }

    @Name("creditNotes")
    @Description("Credit notes issued against the invoice (refunds), newest first.")
    public Uni<List<CreditNote>> creditNotesOfInvoice(@Source Invoice invoice) {
        if (invoice.id() == null) {
            return Uni.createFrom().item(List.of()); // the upcoming invoice
        }
        return apis.firstPage(BillingService.INVOICING, "/v1/credit-notes", Params.of("limit", Paging.MAX_FIRST)
                .and("invoice_id", invoice.id()), CreditNote.class);
    }

    @Name("invoices")
    @Description("The customer's newest invoices (at most first, up to 100).")
    public Uni<List<Invoice>> invoicesOfCustomer(@Source Customer customer, @DefaultValue("10") int first) {
        return apis.firstPage(BillingService.INVOICING, "/v1/invoices", Paging.of(first, null)
                .and("customer_id", customer.id()), Invoice.class);
    }

    private Uni<Invoice> addLine(String invoiceId, InvoiceLineInput line, String idempotencyKey) {
        return apis.send(BillingService.INVOICING, HttpMethod.POST, ApiPath.of("/v1/invoices/%s/lines", invoiceId),
                line, idempotencyKey, Invoice.class);
    }

    private Uni<Invoice> action(String id, String action, Object body, String idempotencyKey) {
        return apis.send(BillingService.INVOICING, HttpMethod.POST, path(id) + "/" + action, body, idempotencyKey,
                Invoice.class);
    }

    /**
     * The key of one step of a mutation made of several calls: the same mutation sent again replays each. A key too
     * long to take a suffix within the services' 255 characters is replaced by its SHA-256 first.
     */
    private static String step(String idempotencyKey, String step) {
        if (idempotencyKey == null) {
            return null;
        }
        String base = idempotencyKey.length() + step.length() < 240 ? idempotencyKey : sha256(idempotencyKey);
        return base + ":" + step;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(String id) {
        return ApiPath.of("/v1/invoices/%s", Ids.require(id, ErrorCode.INVOICE_NOT_FOUND));
    }
}
