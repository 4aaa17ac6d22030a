package dev.billforge.subscription.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** subscription-service's own settings ({@code billforge.subscription.*}). */
@ConfigMapping(prefix = "billforge.subscription")
public interface SubscriptionConfig {

    /** How long before a trial ends {@code subscription.trial_will_end} is announced (Stripe: three days). */
    @WithDefault("P3D")
    Duration trialWillEndNotice();

    /** How often {@code TrialReminders} looks for trials ending (read by its schedule). */
    @WithDefault("30s")
    Duration trialReminderInterval();

    BillRunSettings billRun();

    /** The bill run ({@code BillRun}): {@code billforge.subscription.bill-run.*}. */
    interface BillRunSettings {

        /** How often a pass looks for period ends; a test clock move wakes one at once. */
        @WithDefault("5s")
        Duration interval();

        /** Subscriptions claimed and renewed per transaction. */
        @WithDefault("100")
        int batchSize();

        /**
         * The most period ends of one subscription passed in one batch: a daily plan whose clock jumped a year
         * renews in several batches (each period still in order) instead of one huge transaction.
         */
        @WithDefault("31")
        int maxPeriodsPerSubscription();
    }
}
