package dev.billforge.payment.provider;

import java.util.Map;

/**
 * A tenant's secrets for one payment provider, as opened from storage for one provider call. Implementations never
 * print a secret in {@code toString}: these values pass through code that logs.
 */
public interface ProviderCredentials {

    String provider();

    /** True for the provider's live mode, false for its test (sandbox) mode. */
    boolean livemode();

    /** The fields to store (sealed), read back by the provider's {@link PaymentProvider#credentialsFrom}. */
    Map<String, Object> document();
}
