package dev.billforge.console.api;

import java.util.List;

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
import dev.billforge.console.model.Notification;
import dev.billforge.console.model.WebhookDelivery;
import dev.billforge.console.model.WebhookEndpoint;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/** Customers' notifications and tenants' webhook endpoints (notification-service). */
@GraphQLApi
public class NotificationGraphQL {

    private final ServiceApis apis;

    public NotificationGraphQL(ServiceApis apis) {
        this.apis = apis;
    }

    @Query
    @Description("Emails to customers, newest first; type: invoice_finalized, payment_receipt, payment_failed, "
            + "payment_action_required, trial_ending, refund_issued, subscription_canceled.")
    public Uni<Connection<Notification>> notifications(@DefaultValue("10") int first, String after,
            @Id String customerId, String type) {
        return apis.list(BillingService.NOTIFICATION, "/v1/notifications", Paging.of(first, after)
                .and("customer_id", customerId).and("type", type), Notification.class)
                .map(page -> Connection.of(page, Notification::id));
    }

    @Query
    public Uni<WebhookEndpoint> webhookEndpoint(@NonNull @Id String id) {
        return apis.get(BillingService.NOTIFICATION, path(id), Params.none(), WebhookEndpoint.class);
    }

    @Query
    public Uni<Connection<WebhookEndpoint>> webhookEndpoints(@DefaultValue("10") int first, String after) {
        return apis.list(BillingService.NOTIFICATION, "/v1/webhook-endpoints", Paging.of(first, after),
                WebhookEndpoint.class).map(page -> Connection.of(page, WebhookEndpoint::id));
    }

    @Input("CreateWebhookEndpointInput")
    @Description("url: https, a public host; eventTypes: published event types, or \"*\" for all.")
    public record CreateWebhookEndpointInput(@NonNull String url, @NonNull List<String> eventTypes,
            String description) {
    }

    @Mutation
    @Description("Adds an endpoint; its signing secret is in this answer only.")
    public Uni<WebhookEndpoint> createWebhookEndpoint(@NonNull CreateWebhookEndpointInput input,
            String idempotencyKey) {
        return apis.send(BillingService.NOTIFICATION, HttpMethod.POST, "/v1/webhook-endpoints", input,
                idempotencyKey, WebhookEndpoint.class);
    }

    @Mutation
    public Uni<DeletedObject> deleteWebhookEndpoint(@NonNull @Id String id) {
        return apis.send(BillingService.NOTIFICATION, HttpMethod.DELETE, path(id), null, null, DeletedObject.class);
    }

    @Mutation
    @Description("Sends a delivery's event again, as a new delivery.")
    public Uni<WebhookDelivery> replayWebhookDelivery(@NonNull @Id String endpointId, @NonNull @Id String deliveryId,
            String idempotencyKey) {
        return apis.send(BillingService.NOTIFICATION, HttpMethod.POST, path(endpointId) + ApiPath.of(
                "/deliveries/%s/replay", Ids.require(deliveryId, ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND)), null,
                idempotencyKey, WebhookDelivery.class);
    }

    @Name("deliveries")
    @Description("The endpoint's newest deliveries (at most first, up to 100).")
    public Uni<List<WebhookDelivery>> deliveriesOfEndpoint(@Source WebhookEndpoint endpoint,
            @DefaultValue("10") int first) {
        return apis.firstPage(BillingService.NOTIFICATION, path(endpoint.id()) + "/deliveries", Paging.of(first, null),
                WebhookDelivery.class);
    }

    @Name("notifications")
    @Description("The customer's newest notifications (at most first, up to 100).")
    public Uni<List<Notification>> notificationsOfCustomer(@Source Customer customer, @DefaultValue("10") int first) {
        return apis.firstPage(BillingService.NOTIFICATION, "/v1/notifications", Paging.of(first, null)
                .and("customer_id", customer.id()), Notification.class);
    }

    private static String path(String id) {
        return ApiPath.of("/v1/webhook-endpoints/%s", Ids.require(id, ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND));
    }
}
