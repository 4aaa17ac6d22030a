package dev.billforge.notification.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How notifications are delivered ({@code billforge.notification.*}). */
@ConfigMapping(prefix = "billforge.notification")
public interface NotificationSettings {

    /**
     * How often the dispatcher looks for due notifications no commit announced: retries and rechecks that fall due
     * later. A newly recorded notification wakes it at once.
     */
    @WithDefault("5s")
    Duration sweepInterval();

    /** How many due notifications one dispatcher pass claims (and sends side by side, {@link #sendWindow} at a time). */
    @WithDefault("100")
    int batchSize();

    /**
     * How many of a pass's sends (each with its receipt's PDF printed first) run at once per channel: a mail server
     * takes several connections, and printing uses the worker pool.
     */
    @WithDefault("8")
    int sendWindow();

    /** Failed sends after which a notification is given up as {@code failed}. */
    @WithDefault("5")
    int maxAttempts();

    /** Back-off unit after a failed send: the n-th retry waits n times this long. */
    @WithDefault("30s")
    Duration retryDelay();

    /** How long one send may take before it counts as failed (the SMTP conversation included). */
    @WithDefault("30s")
    Duration sendTimeout();

    /** How long a notification whose recipient is unknown waits before the directory is asked again. */
    @WithDefault("5s")
    Duration recipientRecheck();

    /**
     * How long a payment receipt waits for its invoice to be reported paid, to attach the invoice PDF; after that it
     * is sent without it.
     */
    @WithDefault("2m")
    Duration receiptInvoiceWait();

    Webhooks webhooks();

    /** Delivering billing events to tenants' webhook endpoints (see {@code WebhookDeliveries}). */
    interface Webhooks {
        /** How often due deliveries no commit announced (retries) are looked for; a new delivery wakes it at once. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** How many due deliveries one pass claims (and attempts one after another). */
        @WithDefault("10")
        int batchSize();

        /** The wait after the first failed attempt; each further failure doubles it, up to {@link #maxRetryDelay}. */
        @WithDefault("30s")
        Duration firstRetryDelay();

        @WithDefault("1h")
        Duration maxRetryDelay();

        /** How long after the event a delivery keeps being retried before it is given up as {@code failed}. */
        @WithDefault("3d")
        Duration retryWindow();

        /** How long an endpoint may take to answer. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * Whether endpoint URLs may resolve to loopback addresses (and use plain http there): for tests and the local
         * stack only. Private, link-local and other internal addresses are refused regardless.
         */
        @WithDefault("false")
        boolean allowLoopback();
    }
}
