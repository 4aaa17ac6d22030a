package dev.billforge.payment.service;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** payment-service's own settings ({@code billforge.payment.*}). */
@ConfigMapping(prefix = "billforge.payment")
public interface PaymentConfig {

    /**
     * The provider a failed attempt is attributed to when the customer has no payment method at all: the event
     * contract requires a provider on every payment.
     */
    @WithDefault("simulator")
    String defaultProvider();

    /**
     * How many provider calls a batch of charges keeps in flight per provider account (a tenant's Stripe or PayPal
     * account, the simulator). Providers rate-limit per account (Stripe: 100 requests/s in live mode, 25 in test
     * mode), and a call waits mostly on the network, so a small window makes a batch as fast as its slowest few calls.
     */
    @WithDefault("8")
    int providerWindow();

    Recovery recovery();

    Dunning dunning();

    /** Retrying failed invoices (see {@code DunningRetries}); a tenant may set its own schedule by API. */
    interface Dunning {
        /** The schedule of a tenant that has not set one: days after the first failure. */
        @WithDefault("3,5,7")
        List<Integer> defaultRetryDays();

        /** What becomes of the subscription when the last retry fails, unless the tenant says otherwise. */
        @WithDefault("unpaid")
        String defaultWhenExhausted();

        /** How often the scheduler looks for retries that are due (read by its schedule). */
        @WithDefault("30s")
        Duration interval();

        /** How many due retries one run makes at most. */
        @WithDefault("50")
        int batchSize();
    }

    /** Finishing payments left {@code processing} (see {@code PaymentRecovery}). */
    interface Recovery {
        /** How often the job looks for stuck payments (read by the job's schedule). */
        @WithDefault("5s")
        Duration interval();

        /**
         * How long a payment may wait for its provider's answer before the job repeats the call. Longer than a
         * provider call takes, so a call still in flight is rarely repeated (and when it is, the idempotency key
         * makes it harmless).
         */
        @WithDefault("30s")
        Duration stuckAfter();

        /** How many stuck payments one run claims. */
        @WithDefault("50")
        int batchSize();
    }
}
