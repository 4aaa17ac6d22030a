package dev.billforge.console.api;

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

import dev.billforge.console.model.Connection;
import dev.billforge.console.model.Customer;
import dev.billforge.console.model.DeletedObject;
import dev.billforge.console.model.Dispute;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Payment;
import dev.billforge.console.model.PaymentMethod;
import dev.billforge.console.model.Refund;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/** Payments, refunds, disputes and payment methods (payment-service). */
@GraphQLApi
public class PaymentGraphQL {

    private final ServiceApis apis;
    private final Batches batches;

    public PaymentGraphQL(ServiceApis apis, Batches batches) {
        this.apis = apis;
        this.batches = batches;
    }

    @Query
    public Uni<Payment> payment(@NonNull @Id String id) {
        return apis.get(BillingService.PAYMENT, path(id), Params.none(), Payment.class);
    }

    @Query
    @Description("Payments, newest first; status: pending, processing, requires_action, succeeded, failed, canceled.")
    public Uni<Connection<Payment>> payments(@DefaultValue("10") int first, String after, @Id String customerId,
            @Id String invoiceId, String status) {
        return apis.list(BillingService.PAYMENT, "/v1/payments", Paging.of(first, after)
                .and("customer_id", customerId).and("invoice_id", invoiceId).and("status", status), Payment.class)
                .map(page -> Connection.of(page, Payment::id));
    }

    @Query
    public Uni<PaymentMethod> paymentMethod(@NonNull @Id String id) {
        return apis.get(BillingService.PAYMENT, methodPath(id), Params.none(), PaymentMethod.class);
    }

    @Query
    public Uni<Connection<PaymentMethod>> paymentMethods(@DefaultValue("10") int first, String after,
            @Id String customerId) {
        return apis.list(BillingService.PAYMENT, "/v1/payment-methods", Paging.of(first, after)
                .and("customer_id", customerId), PaymentMethod.class).map(page -> Connection.of(page, PaymentMethod::id));
    }

    @Input("AttachPaymentMethodInput")
    @Description("token: the provider's token (Stripe pm_..., a PayPal vault token); never a card number.")
    public record AttachPaymentMethodInput(@NonNull @Id String customerId, @NonNull String provider,
            @NonNull String token, Map<String, String> metadata) {
    }

    @Mutation
    @Description("Attaches a payment method; a customer's first becomes the default.")
    public Uni<PaymentMethod> attachPaymentMethod(@NonNull AttachPaymentMethodInput input, String idempotencyKey) {
        return apis.send(BillingService.PAYMENT, HttpMethod.POST, "/v1/payment-methods", input, idempotencyKey,
                PaymentMethod.class);
    }

    @Mutation("setDefaultPaymentMethod") // named, or SmallRye GraphQL drops the "set" as if it were a setter
    @Description("Makes it the customer's default: tried at once for what the customer owes.")
    public Uni<PaymentMethod> setDefaultPaymentMethod(@NonNull @Id String id, String idempotencyKey) {
        return apis.send(BillingService.PAYMENT, HttpMethod.POST, methodPath(id) + "/default", null, idempotencyKey,
                PaymentMethod.class);
    }

    @Mutation
    public Uni<DeletedObject> detachPaymentMethod(@NonNull @Id String id) {
        return apis.send(BillingService.PAYMENT, HttpMethod.DELETE, methodPath(id), null, null, DeletedObject.class);
    }

    record RefundBody(Long amount, String reason) {
    }

    @Mutation
    @Description("Gives back part of a payment (amount, minor units) or all that is left; reason: "
            + "requested_by_customer, duplicate or fraudulent.")
    public Uni<Refund> refundPayment(@NonNull @Id String paymentId, Long amount, String reason,
            String idempotencyKey) {
        return apis.send(BillingService.PAYMENT, HttpMethod.POST, path(paymentId) + "/refunds",
                new RefundBody(amount, reason), idempotencyKey, Refund.class);
    }

    // --- related records ----------------------------------------------------------------------------------------

    @Name("customer")
    public Uni<List<Customer>> customerOfPayments(@Source List<Payment> payments) {
        return batches.customers(payments.stream().map(Payment::customerId).toList());
    }

    @Name("refunds")
    public Uni<List<Refund>> refundsOfPayment(@Source Payment payment) {
        return apis.firstPage(BillingService.PAYMENT, path(payment.id()) + "/refunds", Params.none(), Refund.class);
    }

    @Name("disputes")
    public Uni<List<Dispute>> disputesOfPayment(@Source Payment payment) {
        return apis.firstPage(BillingService.PAYMENT, path(payment.id()) + "/disputes", Params.none(), Dispute.class);
    }

    @Name("invoice")
    public Uni<List<Invoice>> invoiceOfPayments(@Source List<Payment> payments) {
        return batches.invoices(payments.stream().map(Payment::invoiceId).toList());
    }

    @Name("payments")
    @Description("Attempts to collect the invoice, newest first.")
    public Uni<List<Payment>> paymentsOfInvoice(@Source Invoice invoice) {
        if (invoice.id() == null) {
            return Uni.createFrom().item(List.of()); // the upcoming invoice
        }
        return apis.firstPage(BillingService.PAYMENT, "/v1/payments", Params.of("limit", Paging.MAX_FIRST)
                .and("invoice_id", invoice.id()), Payment.class);
    }

    @Name("paymentMethods")
    public Uni<List<PaymentMethod>> paymentMethodsOfCustomer(@Source Customer customer) {
        return apis.firstPage(BillingService.PAYMENT, "/v1/payment-methods", Params.of("limit", Paging.MAX_FIRST)
                .and("customer_id", customer.id()), PaymentMethod.class);
    }

    private static String path(String id) {
        return ApiPath.of("/v1/payments/%s", Ids.require(id, ErrorCode.PAYMENT_NOT_FOUND));
    }

    private static String methodPath(String id) {
        return ApiPath.of("/v1/payment-methods/%s", Ids.require(id, ErrorCode.PAYMENT_METHOD_NOT_FOUND));
    }
}
