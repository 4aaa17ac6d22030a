package dev.billforge.payment.gateway;

import io.smallrye.mutiny.Uni;

import dev.billforge.payment.domain.Card;
import dev.billforge.payment.domain.ProviderCredentials;

/**
 * A payment provider as this service sees it. Implementations talk to the outside world with the tenant's own
 * {@link ProviderCredentials} (null for the simulator, which needs none); callers never hold a database transaction
 * open across these calls. A failed Uni always means "outcome unknown" (network, timeout, provider down, rate
 * limited): the caller may repeat the call, with the same idempotency key, and nothing happens twice.
 */
public interface PaymentGateway {

    /** The provider this gateway talks to ({@code simulator}, {@code stripe}, {@code paypal}). */
    String provider();

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
     * Gives back part or all of a captured payment, once per {@link RefundRequest#idempotencyKey()}: repeating a
     * request with the same key returns the first refund and gives back nothing more.
     */
    Uni<RefundResult> refund(ProviderCredentials credentials, RefundRequest request);
}
