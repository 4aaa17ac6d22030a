package dev.billforge.console.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.console.model.Customer;
import dev.billforge.console.model.Invoice;

/**
 * Reads of many records by id in one REST call each (the list endpoints' repeated {@code id} filters), answered in
 * the order asked with null where there is none: what the batched GraphQL fields ({@code @Source List}) return, so a
 * page of 50 subscriptions with their customers costs one call for the customers, not 50.
 */
@ApplicationScoped
public class Batches {

    /** What one REST list takes at most (the services' {@code QueryParams.MAX_IDS}). */
    private static final int IDS_PER_CALL = 100;

    private final ServiceApis apis;

    public Batches(ServiceApis apis) {
        this.apis = apis;
    }

    public Uni<List<Customer>> customers(List<String> ids) {
        return byId(ids, chunk -> apis.firstPage(BillingService.CUSTOMER, "/v1/customers",
                Params.of("limit", chunk.size()).all("id", chunk), Customer.class), Customer::id);
    }

    /**
     * Each record paired with its customer (null once deleted), in the records' order: {@code row} makes the pair.
     * One batch read whatever the number of records.
     */
    public <T, R> Uni<List<R>> withCustomers(List<T> records, Function<T, String> customerId,
            BiFunction<T, Customer, R> row) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return customers(records.stream().map(customerId).toList()).map(customers -> {
            List<R> rows = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                rows.add(row.apply(records.get(i), customers.get(i)));
            }
            return rows;
        });
    }

    public Uni<List<Invoice>> invoices(List<String> ids) {
        return byId(ids, chunk -> apis.firstPage(BillingService.INVOICING, "/v1/invoices",
                Params.of("limit", chunk.size()).all("id", chunk), Invoice.class), Invoice::id);
    }

    /** The newest invoice of each subscription (null for one without). */
    public Uni<List<Invoice>> latestInvoices(List<String> subscriptionIds) {
        return byId(subscriptionIds, chunk -> apis.firstPage(BillingService.INVOICING, "/v1/invoices/latest",
                Params.none().all("subscription_id", chunk), Invoice.class), Invoice::subscriptionId);
    }

    private static <T> Uni<List<T>> byId(List<String> keys, Function<List<String>, Uni<List<T>>> fetch,
            Function<T, String> keyOf) {
        List<String> distinct = keys.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(keys.stream().map(key -> (T) null).toList());
        }
        List<Uni<List<T>>> calls = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_CALL) {
            calls.add(fetch.apply(distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_CALL))));
        }
        return Uni.join().all(calls).andFailFast().map(results -> {
            Map<String, T> found = results.stream().flatMap(List::stream)
                    .collect(Collectors.toMap(keyOf, Function.identity(), (a, b) -> a));
            List<T> answer = new ArrayList<>(keys.size());
            keys.forEach(key -> answer.add(key == null ? null : found.get(key)));
            return answer;
        });
    }
}
