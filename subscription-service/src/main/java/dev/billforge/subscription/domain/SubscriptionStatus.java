package dev.billforge.subscription.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a subscription stands. Without a trial it starts {@code incomplete} (its first invoice is being charged),
 * becomes {@code active} when that invoice is paid, {@code past_due} when a payment fails, and {@code active} again
 * when a later payment succeeds. {@code canceled} is final.
 */
public enum SubscriptionStatus {
    INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, CANCELED;

    /** The statuses in which a customer holds the plan: at most one such subscription per customer and plan. */
    public static final Set<SubscriptionStatus> LIVE = EnumSet.of(INCOMPLETE, TRIALING, ACTIVE, PAST_DUE);

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SubscriptionStatus> fromApiName(String name) {
        return Arrays.stream(values()).filter(status -> status.apiName().equals(name)).findFirst();
    }
}
