package dev.billforge.payment.provider.stripe;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Stripe's API is and how patiently we talk to it ({@code billforge.payment.providers.stripe.*}). Tests and
 * the system test point the base at a local stand-in that speaks Stripe's wire format.
 */
@ConfigMapping(prefix = "billforge.payment.providers.stripe")
public interface StripeConfig {

    /** Whether Stripe is offered here (see {@code PaymentProvider.enabled()}); offered unless set to false. */
    Optional<Boolean> enabled();

    @WithDefault("https://api.stripe.com")
    String apiBase();

    @WithDefault("5s")
    Duration connectTimeout();

    /** A charge that takes longer is treated as "outcome unknown" and asked again with the same key. */
    @WithDefault("30s")
    Duration readTimeout();

    /**
     * How often stripe-java itself repeats a request that failed on the network, was rate limited or hit a Stripe
     * server error; it reuses the idempotency key, so a repeat never charges twice.
     */
    @WithDefault("2")
    int maxNetworkRetries();
}
