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
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Plan;
import dev.billforge.console.model.PlanChangePreview;
import dev.billforge.console.model.Subscription;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/** Plans and subscriptions (subscription-service), and a subscription's customer and invoices, batched. */
@GraphQLApi
public class SubscriptionGraphQL {

    private final ServiceApis apis;
    private final Batches batches;

    public SubscriptionGraphQL(ServiceApis apis, Batches batches) {
        this.apis = apis;
        this.batches = batches;
    }

    // --- plans ----------------------------------------------------------------------------------------------------

    @Query
    public Uni<Plan> plan(@NonNull @Id String id) {
        return apis.get(BillingService.SUBSCRIPTION, planPath(id), Params.none(), Plan.class);
    }

    @Query
    @Description("The catalogue, newest first; active filters archived plans in or out.")
    public Uni<Connection<Plan>> plans(@DefaultValue("10") int first, String after, Boolean active) {
        return apis.list(BillingService.SUBSCRIPTION, "/v1/plans", Paging.of(first, after).and("active", active),
                Plan.class).map(page -> Connection.of(page, Plan::id));
    }

    @Input("CreatePlanInput")
    @Description("interval: day, week, month or year; amount in minor units of currency (ISO 4217).")
    public record CreatePlanInput(@NonNull String name, String description, long amount, @NonNull String currency,
            @NonNull String interval, Integer intervalCount, Integer trialPeriodDays, Boolean active,
            Map<String, String> features, Map<String, String> metadata) {
    }

    @Input("UpdatePlanInput")
    @Description("A plan's price never changes (a new price is a new plan); active: false archives it.")
    public record UpdatePlanInput(String name, String description, Boolean active, Map<String, String> metadata) {
    }

    @Mutation
    public Uni<Plan> createPlan(@NonNull CreatePlanInput input, String idempotencyKey) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, "/v1/plans", input, idempotencyKey, Plan.class);
    }

    @Mutation
    public Uni<Plan> updatePlan(@NonNull @Id String id, @NonNull UpdatePlanInput input) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.PATCH, planPath(id), input, null, Plan.class);
    }

    // --- subscriptions --------------------------------------------------------------------------------------------

    @Query
    @Description("What changeSubscriptionPlan to planId would bill now (its prorations; nothing changes); "
            + "prorationBehavior as there.")
    public Uni<PlanChangePreview> planChangePreview(@NonNull @Id String subscriptionId, @NonNull @Id String planId,
            String prorationBehavior) {
        return apis.get(BillingService.SUBSCRIPTION, path(subscriptionId) + "/change-plan/preview",
                Params.of("plan_id", Ids.require(planId, ErrorCode.PLAN_NOT_FOUND))
                        .and("proration_behavior", prorationBehavior), PlanChangePreview.class);
    }

    @Query
    public Uni<Subscription> subscription(@NonNull @Id String id) {
        return apis.get(BillingService.SUBSCRIPTION, path(id), Params.none(), Subscription.class);
    }

    @Query
    @Description("Subscriptions, newest first; status: incomplete, trialing, active, past_due, unpaid, paused, "
            + "canceled.")
    public Uni<Connection<Subscription>> subscriptions(@DefaultValue("10") int first, String after, String status,
            @Id String customerId) {
        return apis.list(BillingService.SUBSCRIPTION, "/v1/subscriptions", Paging.of(first, after)
                .and("status", status).and("customer_id", customerId), Subscription.class)
                .map(page -> Connection.of(page, Subscription::id));
    }

    @Input("CreateSubscriptionInput")
    @Description("trialPeriodDays overrides the plan's trial (0: none).")
    public record CreateSubscriptionInput(@NonNull @Id String customerId, @NonNull @Id String planId,
            Integer trialPeriodDays, Map<String, String> metadata) {
    }

    @Mutation
    @Description("Subscribes a customer: incomplete until its first invoice is paid, or trialing.")
    public Uni<Subscription> createSubscription(@NonNull CreateSubscriptionInput input, String idempotencyKey) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, "/v1/subscriptions", input, idempotencyKey,
                Subscription.class);
    }

    record CancelBody(Boolean atPeriodEnd) {
    }

    @Mutation
    @Description("Cancels now (its unpaid invoices are voided), or at the period end with atPeriodEnd: true.")
    public Uni<Subscription> cancelSubscription(@NonNull @Id String id, Boolean atPeriodEnd, String idempotencyKey) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, path(id) + "/cancel",
                new CancelBody(atPeriodEnd), idempotencyKey, Subscription.class);
    }

    record ChangePlanBody(String planId, String prorationBehavior) {
    }

    @Mutation
    @Description("Moves to another plan in the same currency; prorationBehavior: create_prorations (default), "
            + "always_invoice or none.")
    public Uni<Subscription> changeSubscriptionPlan(@NonNull @Id String id, @NonNull @Id String planId,
            String prorationBehavior, String idempotencyKey) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, path(id) + "/change-plan",
                new ChangePlanBody(planId, prorationBehavior), idempotencyKey, Subscription.class);
    }

    @Mutation
    public Uni<Subscription> pauseSubscription(@NonNull @Id String id, String idempotencyKey) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, path(id) + "/pause", null, idempotencyKey,
                Subscription.class);
    }

    @Mutation
    @Description("Resumes a paused subscription with a new period from now, invoiced at once.")
    public Uni<Subscription> resumeSubscription(@NonNull @Id String id, String idempotencyKey) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.POST, path(id) + "/resume", null, idempotencyKey,
                Subscription.class);
    }

    @Input("UpdateSubscriptionInput")
    @Description("cancelAtPeriodEnd: false withdraws a scheduled cancellation; metadata keys are merged.")
    public record UpdateSubscriptionInput(Boolean cancelAtPeriodEnd, Map<String, String> metadata) {
    }

    @Mutation
    public Uni<Subscription> updateSubscription(@NonNull @Id String id, @NonNull UpdateSubscriptionInput input) {
        return apis.send(BillingService.SUBSCRIPTION, HttpMethod.PATCH, path(id), input, null, Subscription.class);
    }

    // --- related records, batched: one REST call per level of a query, whatever the page size -----------------

    @Name("customer")
    @Description("The subscribed customer (null once deleted).")
    public Uni<List<Customer>> customerOfSubscriptions(@Source List<Subscription> subscriptions) {
        return batches.customers(subscriptions.stream().map(Subscription::customerId).toList());
    }

    @Name("latestInvoice")
    @Description("The subscription's newest invoice.")
    public Uni<List<Invoice>> latestInvoiceOfSubscriptions(@Source List<Subscription> subscriptions) {
        return batches.latestInvoices(subscriptions.stream().map(Subscription::id).toList());
    }

    @Name("invoices")
    @Description("The subscription's newest invoices (at most first, up to 100); for more, query invoices.")
    public Uni<List<Invoice>> invoicesOfSubscription(@Source Subscription subscription,
            @DefaultValue("10") int first) {
        return apis.firstPage(BillingService.INVOICING, "/v1/invoices", Paging.of(first, null)
                .and("subscription_id", subscription.id()), Invoice.class);
    }

    @Name("subscriptions")
    @Description("The customer's newest subscriptions (at most first, up to 100).")
    public Uni<List<Subscription>> subscriptionsOfCustomer(@Source Customer customer, @DefaultValue("10") int first) {
        return apis.firstPage(BillingService.SUBSCRIPTION, "/v1/subscriptions", Paging.of(first, null)
                .and("customer_id", customer.id()), Subscription.class);
    }

    private static String planPath(String id) {
        return ApiPath.of("/v1/plans/%s", Ids.require(id, ErrorCode.PLAN_NOT_FOUND));
    }

    private static String path(String id) {
        return ApiPath.of("/v1/subscriptions/%s", Ids.require(id, ErrorCode.SUBSCRIPTION_NOT_FOUND));
    }
}
