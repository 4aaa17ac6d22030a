package dev.billforge.payment.provider;

import java.util.Map;

import io.smallrye.mutiny.Uni;

import dev.billforge.payment.domain.Card;

/**
 * The plugin interface every payment provider implements (after Kill Bill's payment plugin API): one CDI bean per
 * provider, in a package of its own under {@code dev.billforge.payment.provider}, found by {@link PaymentProviders}
 * by its {@link #name()}. Nothing outside the provider's package names it: adding a provider is adding a package.
 * <p>
 * Implementations talk to the outside world with the tenant's own {@link ProviderCredentials} (null for a provider
 * whose {@link #credentialsRequest()} is null); callers never hold a database transaction open across these calls. A
 * failed Uni always means "outcome unknown" (network, timeout, provider down, rate limited, a
 * {@link ProviderException}): the caller may repeat the call, with the same idempotency key, and nothing happens
 * twice. Known outcomes (a decline, a refusal) are results, never failures.
 */
public interface PaymentProvider {

    /** The name tenants use for it ({@code stripe}, {@code paypal}): in URLs, payment methods and events. */
    String name();

    /**
     * Whether this deployment offers the provider: {@code billforge.payment.providers.<name>.enabled} (each plugin
     * maps its settings under that prefix), defaulting to true for real providers and to false for stand-ins that
     * move no money.
     */
    boolean enabled();

    /**
     * The body of {@code PUT /v1/provider-accounts/<name>}, a record checked with Bean Validation, or null for a
     * provider that needs no credentials.
     */
    Class<? extends CredentialsRequest> credentialsRequest();

    /** Opens credentials from the document {@link ProviderCredentials#document()} wrote (stored sealed). */
    ProviderCredentials credentialsFrom(Map<String, Object> document);

    /**
     * Registers our customer with the provider and returns the provider's id for it, or null for a provider
     * without customer records. Repeating the call for the same customer returns the same provider customer.
     */
    Uni<String> createCustomer(ProviderCredentials credentials, CustomerProfile customer);

    /**
     * Resolves a token to the card it stands for and attaches it to the provider's customer, so it can be charged
     * off-session later.
     *
     * @return the card, or null (as the item) when the provider does not know the token
     */
    Uni<Card> attach(ProviderCredentials credentials, String providerCustomerId, String providerToken);

    /**
     * Charges once per {@link ChargeRequest#idempotencyKey()}: repeating a request with the same key returns the
     * first answer, with the same provider reference, and charges nothing more.
     */
    Uni<ChargeResult> charge(ProviderCredentials credentials, ChargeRequest request);

    /**
     * The outcome of a charge that may have been asked for before and lost its answer (a timeout, a crash): recovery
     * calls this, never {@link #charge} a second time. It charges when the provider has no charge under the key (the
     * crash came before the call). The default asks again with the same idempotency key, which every provider here
     * answers with the first request's outcome (Stripe keeps keys for 24 hours, PayPal request ids for 72; recovery
     * asks within minutes). A provider whose keys do not last should look the charge up first.
     */
    default Uni<ChargeResult> lookUpCharge(ProviderCredentials credentials, ChargeRequest request) {
        return charge(credentials, request);
    }

    /**
     * Gives back part or all of a captured payment, once per {@link RefundRequest#idempotencyKey()}: repeating a
     * request with the same key returns the first refund and gives back nothing more.
     */
    Uni<RefundResult> refund(ProviderCredentials credentials, RefundRequest request);

    /**
     * Verifies a delivery to {@code /v1/webhooks/<name>/{tenant}} with the tenant's credentials and reads its event.
     * Fails with {@link WebhookSignatureInvalid} for anything not signed by the provider for this tenant, with
     * {@link ProviderException} when the provider must be asked and cannot be now. A provider that sends no
     * webhooks keeps the default, which believes nothing.
     */
    default Uni<ProviderEvent> receiveWebhook(ProviderCredentials credentials, WebhookDelivery delivery) {
        return Uni.createFrom().failure(new WebhookSignatureInvalid(name() + " sends no webhooks"));
    }

    /** The API body a provider's credentials are put with; validated before {@link #toCredentials()}. */
    interface CredentialsRequest {
        ProviderCredentials toCredentials();
    }
}
