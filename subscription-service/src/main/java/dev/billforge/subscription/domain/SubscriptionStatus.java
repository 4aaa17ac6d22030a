package dev.billforge.subscription.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.Converter;

import dev.billforge.chassis.domain.WireName;
import dev.billforge.chassis.persistence.WireNameColumn;

/**
 * Where a subscription stands. Without a trial it starts {@code incomplete} (its first invoice is being charged),
 * becomes {@code active} when that invoice is paid, {@code past_due} when a payment fails, and {@code active} again
 * when a later payment succeeds. When dunning gives up on an invoice it becomes {@code unpaid} or {@code canceled}, as
 * the tenant chose; a later paid invoice makes an unpaid one active again. A tenant may pause a live subscription
 * ({@code paused}) and resume it ({@code active}, with a new period). {@code canceled} is final.
 */
public enum SubscriptionStatus implements WireName {
    INCOMPLETE, TRIALING, ACTIVE, PAST_DUE,
    /** Dunning gave up on one of its invoices and the tenant keeps such subscriptions rather than canceling them. */
    UNPAID,
    /** Paused by the tenant: no renewals and no payment retries until resumed. */
    PAUSED,
    CANCELED;

    /** The statuses in which a customer holds the plan: at most one such subscription per customer and plan. */
    public static final Set<SubscriptionStatus> LIVE = EnumSet.of(INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, UNPAID,
            PAUSED);

    public static Optional<SubscriptionStatus> fromWire(String value) {
        return WireName.fromWire(SubscriptionStatus.class, value);
    }

    @Converter
    public static class Column extends WireNameColumn<SubscriptionStatus> {
        public Column() {
            super(SubscriptionStatus.class);
        }
    }
}
