package dev.billforge.invoicing.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.idempotency.IdempotentRequests;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.web.DeletedObject;
import dev.billforge.chassis.web.QueryParams;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceFilter;
import dev.billforge.invoicing.domain.InvoiceStatus;
import dev.billforge.invoicing.service.InvoiceCollection;
import dev.billforge.invoicing.service.InvoiceDrafting;
import dev.billforge.invoicing.service.InvoiceService;
import dev.billforge.invoicing.service.UpcomingInvoices;

/**
 * Invoices. Subscription invoices are made and settled by events (subscriptions, payments); one-off invoices are
 * drafted here, take lines and are finalized. Any finalized invoice can be paid now, voided or written off. Every POST
 * honours {@code Idempotency-Key}.
 */
@Path("/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    private final InvoiceService invoices;
    private final InvoiceDrafting drafting;
    private final InvoiceCollection collection;
    private final UpcomingInvoices upcoming;
    private final CustomerDirectory customers;
    private final IdempotentRequests idempotency;
    private final BusinessClock clock;
    private final TenantContext tenant;

    public InvoiceResource(InvoiceService invoices, InvoiceDrafting drafting, InvoiceCollection collection,
            UpcomingInvoices upcoming, CustomerDirectory customers, IdempotentRequests idempotency,
            BusinessClock clock, TenantContext tenant) {
        this.upcoming = upcoming;
        this.invoices = invoices;
        this.drafting = drafting;
        this.collection = collection;
        this.customers = customers;
        this.idempotency = idempotency;
        this.clock = clock;
        this.tenant = tenant;
    }

    /**
     * A one-off draft for a customer. The customer is checked against this service's directory first, outside any
     * transaction: one created a moment ago may still be on its way through Kafka.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@Valid @NotNull CreateInvoiceRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID customerId = ResourceIds.parse(request.customerId(), ErrorCode.CUSTOMER_NOT_FOUND, "customer");
        var oneOff = request.toOneOff(customerId);
        return customers.require(tenantId, customerId)
                .flatMap(customer -> idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request,
                        Response.Status.CREATED, () -> drafting.create(tenantId, oneOff).map(InvoiceResponse::from)));
    }

    /** Adds a line to a draft; answers the draft with its new total. */
    @POST
    @Path("/{id}/lines")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> addLine(@RestPath String id, @Valid @NotNull AddInvoiceLineRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID invoiceId = invoiceId(id);
        var line = request.toLine(clock.now(tenantId));
        return idempotency.execute(tenantId, idempotencyKey, "POST", uri.getPath(), request, Response.Status.CREATED,
                () -> drafting.addLine(tenantId, invoiceId, line).map(InvoiceResponse::from));
    }

    /** Deletes a draft; a finalized invoice is voided instead. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeletedObject> delete(@RestPath String id) {
        return drafting.delete(tenant.tenantId(), invoiceId(id))
                .map(deleted -> DeletedObject.of(deleted.id(), InvoiceResponse.OBJECT));
    }

    /** Numbers the draft and opens it: it is then charged or sent, as its collection method says. */
    @POST
    @Path("/{id}/finalize")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> finalizeDraft(@RestPath String id,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID invoiceId = invoiceId(id);
        return action(idempotencyKey, uri, Map.of(), Response.Status.OK,
                () -> drafting.finalizeDraft(tenantId, invoiceId));
    }

    /**
     * Asks for the invoice to be paid now (202): payment-service charges the named payment method or the customer's
     * default; the outcome shows on the invoice and is announced as {@code payment.succeeded} or
     * {@code payment.failed}. The body is optional.
     */
    @POST
    @Path("/{id}/pay")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> pay(@RestPath String id, PayInvoiceRequest request,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID invoiceId = invoiceId(id);
        PayInvoiceRequest body = request == null ? new PayInvoiceRequest(null) : request;
        UUID method = body.paymentMethodId() == null ? null
                : ResourceIds.parse(body.paymentMethodId(), ErrorCode.PAYMENT_METHOD_NOT_FOUND, "payment method");
        return action(idempotencyKey, uri, body, Response.Status.ACCEPTED,
                () -> collection.requestPayment(tenantId, invoiceId, method));
    }

    /** Voids an open invoice: nothing more is collected, and the credit it used goes back to the customer. */
    @POST
    @Path("/{id}/void")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> voidInvoice(@RestPath String id,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID invoiceId = invoiceId(id);
        return action(idempotencyKey, uri, Map.of(), Response.Status.OK,
                () -> collection.voidInvoice(tenantId, invoiceId));
    }

    /** Writes an open invoice off: dunning stops; it can still be paid. */
    @POST
    @Path("/{id}/mark-uncollectible")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> markUncollectible(@RestPath String id,
            @RestHeader(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        String tenantId = tenant.tenantId();
        UUID invoiceId = invoiceId(id);
        return action(idempotencyKey, uri, Map.of(), Response.Status.OK,
                () -> collection.markUncollectible(tenantId, invoiceId));
    }

    private Uni<Response> action(String idempotencyKey, UriInfo uri, Object request, Response.Status status,
            Supplier<Uni<Invoice>> change) {
        return idempotency.execute(tenant.tenantId(), idempotencyKey, "POST", uri.getPath(), request, status,
                () -> change.get().map(InvoiceResponse::from));
    }

    private static UUID invoiceId(String id) {
        return ResourceIds.parse(id, ErrorCode.INVOICE_NOT_FOUND, "invoice");
    }

    /**
     * The subscription's next renewal invoice as it would be issued if nothing changed first: the plan's next period,
     * pending prorations, tax and the customer's credit. Nothing is created; it has no id or number.
     */
    @GET
    @Path("/upcoming")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<InvoiceResponse> upcoming(@RestQuery("subscription_id") String subscriptionId) {
        UUID id = QueryParams.id("subscription_id", subscriptionId);
        if (id == null) {
            throw ApiException.invalidField("subscription_id", ErrorCode.REQUIRED,
                    "names the subscription whose next invoice to preview");
        }
        return upcoming.preview(tenant.tenantId(), id).map(InvoiceResponse::from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<InvoiceResponse> get(@RestPath String id) {
        return invoices.get(tenant.tenantId(), invoiceId(id)).map(InvoiceResponse::from);
    }

    /**
     * Newest first, optionally only some invoices ({@code id}), some customers', some subscriptions' (each parameter
     * repeated for several) or one status's invoices.
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<InvoiceResponse>> list(@RestQuery String limit, @RestQuery("starting_after") String startingAfter,
            @RestQuery("id") List<String> ids, @RestQuery("customer_id") List<String> customerIds,
            @RestQuery("subscription_id") List<String> subscriptionIds, @RestQuery String status) {
        PageRequest page = PageRequest.of(limit, startingAfter);
        InvoiceFilter filter = new InvoiceFilter(QueryParams.ids("id", ids),
                QueryParams.ids("customer_id", customerIds),
                QueryParams.ids("subscription_id", subscriptionIds),
                QueryParams.oneOf("status", status, InvoiceStatus::fromWire, InvoiceStatus.allWire()));
        return invoices.list(tenant.tenantId(), filter, page).map(result -> result.map(InvoiceResponse::from));
    }

    /**
     * The newest invoice of each subscription named ({@code subscription_id}, repeated, up to 100), newest first; a
     * subscription without invoices has none in the list. A batch read: the console shows a page of subscriptions
     * with their latest invoices in one request. Not paged.
     */
    @GET
    @Path("/latest")
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public Uni<Page<InvoiceResponse>> latest(@RestQuery("subscription_id") List<String> subscriptionIds) {
        List<UUID> ids = QueryParams.ids("subscription_id", subscriptionIds);
        if (ids == null) {
            throw ApiException.invalidField("subscription_id", ErrorCode.REQUIRED,
                    "names the subscriptions whose latest invoices to list");
        }
        return invoices.latestOfSubscriptions(tenant.tenantId(), ids)
                .map(found -> new Page<>(found.stream().map(InvoiceResponse::from).toList(), false));
    }
}
