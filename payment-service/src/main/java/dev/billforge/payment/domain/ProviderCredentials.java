package dev.billforge.payment.domain;

/**
 * A tenant's secrets for one payment provider, as opened from storage for one provider call. Implementations never
 * print a secret in {@code toString}: these values pass through code that logs. The simulator needs no credentials: its gateway is handed null.
 */
public sealed interface ProviderCredentials permits StripeCredentials, PayPalCredentials {

    String provider();

    /** True for the provider's live mode, false for its test (sandbox) mode. */
    boolean livemode();
}
