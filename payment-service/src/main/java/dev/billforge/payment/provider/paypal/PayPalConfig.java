package dev.billforge.payment.provider.paypal;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * PayPal's REST APIs ({@code billforge.payment.providers.paypal.*}): sandbox and live apps live on different hosts.
 * Tests and the system test point both at a local stand-in that speaks PayPal's wire format.
 */
@ConfigMapping(prefix = "billforge.payment.providers.paypal")
public interface PayPalConfig {

    /** Whether PayPal is offered here (see {@code PaymentProvider.enabled()}); offered unless set to false. */
    Optional<Boolean> enabled();

    @WithDefault("https://api-m.sandbox.paypal.com")
    String sandboxApiBase();

    @WithDefault("https://api-m.paypal.com")
    String liveApiBase();

    @WithDefault("5s")
    Duration connectTimeout();

    /** A call that takes longer is treated as "outcome unknown" and repeated with the same PayPal-Request-Id. */
    @WithDefault("30s")
    Duration readTimeout();

    /**
     * How many verify-webhook-signature calls one tenant's deliveries may cause per minute: each is a request to
     * PayPal with the tenant's app, so a flood of forged deliveries must not spend the tenant's PayPal quota. A
     * delivery over it is answered 503, and PayPal delivers it again later.
     */
    @WithDefault("120")
    int verificationsPerMinute();
}
