package dev.billforge.subscription.domain;

/** What reaching the end of its current period did to a subscription (see {@link Subscription#passPeriodEnd}). */
public enum PeriodEnd {
    /** Nothing: the period has not ended, or the subscription does not renew in its status. */
    NONE,
    /** The next period began: to be invoiced ({@code billing_reason} {@code subscription_cycle}). */
    RENEWED,
    /** The trial ended and the first paid period began: to be invoiced ({@code billing_reason} {@code trial_end}). */
    TRIAL_ENDED,
    /** The subscription was set to cancel at the period end: it ended there, with nothing to invoice. */
    ENDED;

    /** Whether a new period began that is to be invoiced. */
    public boolean startedPeriod() {
        return this == RENEWED || this == TRIAL_ENDED;
    }
}
