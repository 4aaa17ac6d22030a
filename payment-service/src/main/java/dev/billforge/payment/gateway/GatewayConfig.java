package dev.billforge.payment.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the providers' APIs are and how patiently we talk to them ({@code billforge.payment.gateway.*}). Tests and
 * the system test point the bases at local stand-ins that speak the providers' wire formats.
 */
@ConfigMapping(prefix = "billforge.payment.gateway")
public interface GatewayConfig {

    Stripe stripe();

    PayPal paypal();

    /** PayPal's REST APIs: sandbox and live apps live on different hosts. */
    interface PayPal {
        @WithDefault("https://api-m.sandbox.paypal.com")
        String sandboxApiBase();

        @WithDefault("https://api-m.paypal.com")
        String liveApiBase();

        @WithDefault("5s")
        Duration connectTimeout();

        /** A call that takes longer is treated as "outcome unknown" and repeated with the same PayPal-Request-Id. */
        @WithDefault("30s")
        Duration readTimeout();
    }

    interface Stripe {
        @WithDefault("https://api.stripe.com")
        String apiBase();

        @WithDefault("5s")
        Duration connectTimeout();

        /** A charge that takes longer is treated as "outcome unknown" and asked again with the same key. */
        @WithDefault("30s")
        Duration readTimeout();

        /**
         * How often stripe-java itself repeats a request that failed on the network, was rate limited or hit a
         * Stripe server error; it reuses the idempotency key, so a repeat never charges twice.
         */
        @WithDefault("2")
        int maxNetworkRetries();
    }
}
