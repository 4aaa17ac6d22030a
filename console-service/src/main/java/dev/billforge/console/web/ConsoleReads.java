package dev.billforge.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.console.model.Customer;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Subscription;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.Batches;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.ListPage;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/** What the console's pages read, in a few batched calls per page (the same batches as GraphQL's). */
@ApplicationScoped
public class ConsoleReads {

    static final int PAGE_SIZE = 20;

    private final ServiceApis apis;
    private final Batches batches;

    public ConsoleReads(ServiceApis apis, Batches batches) {
        this.apis = apis;
        this.batches = batches;
    }

    /**
     * Newest first, optionally of one status and of the customers whose billing email is {@code email} (the
     * services compare its blind index, never the address): at most four calls.
     */
    Uni<SubscriptionList> subscriptions(String status, String email, String after) {
        String wantedStatus = Forms.blankToNull(status);
        String wantedEmail = Forms.blankToNull(email);
        String start = Forms.cursor(after, ErrorCode.SUBSCRIPTION_NOT_FOUND);
        if (wantedStatus != null && !SubscriptionList.STATUSES.contains(wantedStatus)) {
            throw ServiceProblem.of(ErrorCode.VALIDATION_FAILED, "Status must be one of "
                    + String.join(", ", SubscriptionList.STATUSES) + ".");
        }
        Uni<List<String>> customerIds = wantedEmail == null ? Uni.createFrom().nullItem()
                : apis.firstPage(BillingService.CUSTOMER, "/v1/customers", Params.of("limit", 100)
                        .and("email", wantedEmail), Customer.class)
                        .map(found -> found.stream().map(Customer::id).toList());
        return customerIds.flatMap(ids -> {
            if (ids != null && ids.isEmpty()) {
                return Uni.createFrom().item(new ListPage<Subscription>(List.of(), false));
            }
            Params params = Params.of("limit", PAGE_SIZE).and("status", wantedStatus)
                    .and("starting_after", start);
            if (ids != null) {
                params.all("customer_id", ids);
            }
            return apis.list(BillingService.SUBSCRIPTION, "/v1/subscriptions", params, Subscription.class);
        }).flatMap(page -> withRelated(page.data()).map(rows -> new SubscriptionList(rows, wantedStatus, wantedEmail,
                start, page.nextCursor(Subscription::id), query(wantedStatus, wantedEmail))));
    }

    /** One subscription with its customer (its pages list the invoices themselves: no latest invoice read). */
    Uni<SubscriptionRow> subscription(String id) {
        return apis.get(BillingService.SUBSCRIPTION, ApiPath.of("/v1/subscriptions/%s",
                Ids.require(id, ErrorCode.SUBSCRIPTION_NOT_FOUND)), Params.none(), Subscription.class)
                .flatMap(subscription -> batches.customers(List.of(subscription.customerId()))
                        .map(customers -> new SubscriptionRow(subscription, customers.get(0), null)));
    }

    /** The subscription's invoices, newest first (the detail page's table). */
    Uni<List<Invoice>> invoicesOf(String subscriptionId) {
        return apis.firstPage(BillingService.INVOICING, "/v1/invoices", Params.of("limit", PAGE_SIZE)
                .and("subscription_id", subscriptionId), Invoice.class);
    }

    private Uni<List<SubscriptionRow>> withRelated(List<Subscription> subscriptions) {
        if (subscriptions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<List<Customer>> customers = batches.customers(subscriptions.stream().map(Subscription::customerId)
                .toList());
        Uni<List<Invoice>> invoices = batches.latestInvoices(subscriptions.stream().map(Subscription::id).toList());
        return Uni.combine().all().unis(customers, invoices).asTuple().map(both -> {
            List<SubscriptionRow> rows = new ArrayList<>();
            for (int i = 0; i < subscriptions.size(); i++) {
                rows.add(new SubscriptionRow(subscriptions.get(i), both.getItem1().get(i), both.getItem2().get(i)));
            }
            return rows;
        });
    }

    private static String query(String status, String email) {
        StringBuilder query = new StringBuilder();
        if (status != null) {
            query.append("status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        if (email != null) {
            query.append(query.isEmpty() ? "" : "&").append("email=").append(URLEncoder.encode(email,
                    StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
