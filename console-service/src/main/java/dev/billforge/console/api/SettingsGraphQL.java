package dev.billforge.console.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

import dev.billforge.console.model.AddressInput;
import dev.billforge.console.model.Connection;
import dev.billforge.console.model.DeletedObject;
import dev.billforge.console.model.Settings.DunningSettings;
import dev.billforge.console.model.Settings.InvoiceSettings;
import dev.billforge.console.model.Settings.ProviderAccount;
import dev.billforge.console.model.Settings.TestClock;
import dev.billforge.console.model.TaxRate;
import dev.billforge.console.upstream.ApiPath;
import dev.billforge.console.upstream.BillingService;
import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceApis;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/** A tenant's settings: tax rates and invoice settings (invoicing), dunning and provider accounts (payment), clock. */
@GraphQLApi
public class SettingsGraphQL {

    private final ServiceApis apis;

    public SettingsGraphQL(ServiceApis apis) {
        this.apis = apis;
    }

    @Query
    public Uni<Connection<TaxRate>> taxRates(@DefaultValue("10") int first, String after, String country) {
        return apis.list(BillingService.INVOICING, "/v1/tax-rates", Paging.of(first, after).and("country", country),
                TaxRate.class).map(page -> Connection.of(page, TaxRate::id));
    }

    @Input("CreateTaxRateInput")
    @Description("percentage: 0-100 (e.g. 19 or 8.875); region matches the billing address's state.")
    public record CreateTaxRateInput(@NonNull String displayName, @NonNull String country, String region,
            @NonNull BigDecimal percentage, Boolean inclusive) {
    }

    @Mutation
    public Uni<TaxRate> createTaxRate(@NonNull CreateTaxRateInput input, String idempotencyKey) {
        return apis.send(BillingService.INVOICING, HttpMethod.POST, "/v1/tax-rates", input, idempotencyKey,
                TaxRate.class);
    }

    @Query
    public Uni<InvoiceSettings> invoiceSettings() {
        return apis.get(BillingService.INVOICING, "/v1/invoice-settings", Params.none(), InvoiceSettings.class);
    }

    @Input("InvoiceSettingsInput")
    @Description("Replaces all of the settings: a field left out is cleared.")
    public record InvoiceSettingsInput(String sellerName, String sellerEmail, String sellerTaxId,
            AddressInput sellerAddress, String footer) {
    }

    @Mutation
    public Uni<InvoiceSettings> updateInvoiceSettings(@NonNull InvoiceSettingsInput input) {
        return apis.send(BillingService.INVOICING, HttpMethod.PUT, "/v1/invoice-settings", input, null,
                InvoiceSettings.class);
    }

    @Query
    public Uni<DunningSettings> dunningSettings() {
        return apis.get(BillingService.PAYMENT, "/v1/dunning-settings", Params.none(), DunningSettings.class);
    }

    @Input("DunningSettingsInput")
    @Description("retryDays: 1 to 10 increasing whole days after the first failure; whenExhausted: unpaid or canceled.")
    public record DunningSettingsInput(@NonNull List<Integer> retryDays, @NonNull String whenExhausted) {
    }

    @Mutation
    public Uni<DunningSettings> updateDunningSettings(@NonNull DunningSettingsInput input) {
        return apis.send(BillingService.PAYMENT, HttpMethod.PUT, "/v1/dunning-settings", input, null,
                DunningSettings.class);
    }

    @Query
    public Uni<List<ProviderAccount>> providerAccounts() {
        return apis.firstPage(BillingService.PAYMENT, "/v1/provider-accounts", Params.none(), ProviderAccount.class);
    }

    @Input("ProviderCredentialsInput")
    @Description("stripe: secretKey and webhookSigningSecret; paypal: clientId, clientSecret, webhookId and mode "
            + "(sandbox or live). Sealed at rest; never shown again.")
    public record ProviderCredentialsInput(String secretKey, String webhookSigningSecret, String clientId,
            String clientSecret, String webhookId, String mode) {
    }

    @Mutation
    @Description("Stores the tenant's own credentials for a provider (stripe, paypal).")
    public Uni<ProviderAccount> updateProviderAccount(@NonNull String provider,
            @NonNull ProviderCredentialsInput credentials) {
        return apis.send(BillingService.PAYMENT, HttpMethod.PUT, providerPath(provider), credentials, null,
                ProviderAccount.class);
    }

    @Mutation
    public Uni<DeletedObject> deleteProviderAccount(@NonNull String provider) {
        return apis.send(BillingService.PAYMENT, HttpMethod.DELETE, providerPath(provider), null, null,
                DeletedObject.class);
    }

    @Query
    @Description("The tenant's business clock (test clocks; 404 test_clock_disabled in production).")
    public Uni<TestClock> testClock() {
        return apis.get(BillingService.CUSTOMER, "/v1/test-clock", Params.none(), TestClock.class);
    }

    record AdvanceBody(String tenantId, Instant to, String advanceBy) {
    }

    @Mutation
    @Description("The platform operator moves a tenant's business clock forward on every service: to an instant, or "
            + "by an ISO-8601 duration (P3D). Staging and demos only.")
    public Uni<TestClock> advanceTestClock(@NonNull String tenantId, Instant to, String advanceBy) {
        return apis.send(BillingService.CUSTOMER, HttpMethod.POST, "/v1/test-clock/advance",
                new AdvanceBody(tenantId, to, advanceBy), null, TestClock.class);
    }

    private static String providerPath(String provider) {
        if (!provider.matches("[a-z][a-z0-9_]{0,31}")) {
            throw ServiceProblem.of(ErrorCode.PROVIDER_ACCOUNT_NOT_FOUND, "No account for provider '" + provider + "'.");
        }
        return ApiPath.of("/v1/provider-accounts/%s", provider);
    }
}
