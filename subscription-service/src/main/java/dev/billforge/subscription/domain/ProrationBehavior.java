package dev.billforge.subscription.domain;

import java.util.Optional;

import dev.billforge.chassis.domain.WireName;

/** How a plan change mid-period is billed (Stripe's {@code proration_behavior}). */
public enum ProrationBehavior implements WireName {
    /** Credit and charge lines wait for the next renewal invoice. */
    CREATE_PRORATIONS,
    /** Credit and charge lines are invoiced, finalized and charged at once. */
    ALWAYS_INVOICE,
    /** No proration: the new price applies from the next period. */
    NONE;

    public static Optional<ProrationBehavior> fromWire(String value) {
        return WireName.fromWire(ProrationBehavior.class, value);
    }
}
