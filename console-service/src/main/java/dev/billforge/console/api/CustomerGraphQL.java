package dev.billforge.console.api;

import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.billforge.console.model.AddressInput;
import dev.billforge.console.model.Connection;
import dev.billforge.console.model.Customer;
import dev.billforge.console.model.CustomerBalance;
import dev.billforge.console.model.DeletedObject;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.Ids;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.errors.ErrorCode;

/** Customers (customer-service). */
@GraphQLApi
public class CustomerGraphQL {

    private final ServiceApis apis;

    public CustomerGraphQL(ServiceApis apis) {
        this.apis = apis;
    }

    @Query
    @Description("A customer by id; another tenant's is not found, like an unknown one.")
    public Uni<Customer> customer(@NonNull @Id String id) {
        return apis.get(BillingService.CUSTOMER, path(id), Params.none(), Customer.class);
    }

    @Query
    @Description("Customers, newest first; email matches the billing email exactly, ignoring case.")
    public Uni<Connection<Customer>> customers(@DefaultValue("10") int first, String after, String email) {
        return apis.list(BillingService.CUSTOMER, "/v1/customers", Paging.of(first, after).and("email", email),
                Customer.class).map(page -> Connection.of(page, Customer::id));
    }

    @Query
    @Description("A customer's balance per currency (negative is credit).")
    public Uni<CustomerBalance> customerBalance(@NonNull @Id String customerId) {
        return apis.get(BillingService.CUSTOMER, path(customerId) + "/balance", Params.none(), CustomerBalance.class);
    }

    @Description("The customer's balance per currency (negative is credit).")
    public Uni<CustomerBalance> balance(@Source Customer customer) {
        return customerBalance(customer.id());
    }

    @Input("CreateCustomerInput")
    public record CreateCustomerInput(@NonNull String billingEmail, String name, String userId,
            String defaultPaymentMethodId, AddressInput address, String taxCountry, Map<String, String> metadata) {
    }

    @Input("UpdateCustomerInput")
    @Description("The fields to change; a field left out (or null) stays as it is. Metadata keys are merged.")
    public record UpdateCustomerInput(String billingEmail, String name, String userId, String defaultPaymentMethodId,
            AddressInput address, String taxCountry, Map<String, String> metadata) {
    }

    @Mutation
    public Uni<Customer> createCustomer(@NonNull CreateCustomerInput input, String idempotencyKey) {
        return apis.send(BillingService.CUSTOMER, HttpMethod.POST, "/v1/customers", input, idempotencyKey,
                Customer.class);
    }

    @Mutation
    public Uni<Customer> updateCustomer(@NonNull @Id String id, @NonNull UpdateCustomerInput input) {
        return apis.send(BillingService.CUSTOMER, HttpMethod.PATCH, path(id), input, null, Customer.class);
    }

    @Mutation
    public Uni<DeletedObject> deleteCustomer(@NonNull @Id String id) {
        return apis.send(BillingService.CUSTOMER, HttpMethod.DELETE, path(id), null, null, DeletedObject.class);
    }

    private static String path(String id) {
        return ApiPath.of("/v1/customers/%s", Ids.require(id, ErrorCode.CUSTOMER_NOT_FOUND));
    }
}
