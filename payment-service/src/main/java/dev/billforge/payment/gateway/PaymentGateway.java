package dev.billforge.payment.gateway;

import io.smallrye.mutiny.Uni;

import dev.billforge.payment.domain.Card;

/**
 * A payment provider as this service sees it: it resolves the tokens clients obtained from it and charges them.
 * Implementations talk to the outside world; callers never hold a database transaction open across these calls.
 */
public interface PaymentGateway {

    /** The provider this gateway talks to ({@code simulator}, {@code stripe}, {@code paypal}). */
    String provider();

    /** The card a token stands for, or null (as the item) when the provider does not know the token. */
    Uni<Card> card(String providerToken);

    /**
     * Charges once per {@link ChargeRequest#idempotencyKey()}: repeating a request with the same key returns the
     * first answer, with the same provider reference, and charges nothing more. A failed Uni means the outcome is
     * unknown (network, provider down); the caller repeats the request later with the same key.
     */
    Uni<ChargeResult> charge(ChargeRequest request);
}
