package dev.billforge.subscription.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a plan change mid-period is billed (Stripe's {@code proration_behavior}). */
public enum ProrationBehavior {
    /** Credit and charge lines wait for the next renewal invoice. */
    CREATE_PRORATIONS,
    /** Credit and charge lines are invoiced, finalized and charged at once. */
    ALWAYS_INVOICE,
    /** No proration: the new price applies from the next period. */
    NONE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProrationBehavior> fromApiName(String name) {
        return Arrays.stream(values()).filter(behavior -> behavior.apiName().equals(name)).findFirst();
    }
}
