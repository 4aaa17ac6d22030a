package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A subscription as its latest event described it: what invoicing needs to preview its next invoice.
 *
 * @param nextPeriodEnd where the next period ends should it renew; null when its events did not say (older events)
 */
public record KnownSubscription(UUID id, UUID customerId, String status, String planName, long planAmount,
        String currency, Instant currentPeriodEnd, Instant nextPeriodEnd, boolean cancelAtPeriodEnd) {

    /** The statuses whose subscriptions are invoiced again at their period end (a trial: for its first paid period). */
    private static final Set<String> RENEWING = Set.of("trialing", "active", "past_due");

    /** Whether a next invoice is coming: it renews at its period end, and its next period is known. */
    public boolean renews() {
        return RENEWING.contains(status) && !cancelAtPeriodEnd && nextPeriodEnd != null;
    }
}
