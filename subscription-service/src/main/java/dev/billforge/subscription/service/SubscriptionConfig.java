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
}
