package dev.billforge.subscription.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.billforge.subscription.domain.Plan;
import dev.billforge.subscription.domain.PlanChange;
import dev.billforge.subscription.domain.ProrationBehavior;

/**
 * {@code GET /v1/subscriptions/{id}/change-plan/preview}: what moving to {@code plan} now would bill, nothing
 * changed. {@code lines} are the prorations (credits negative) and, when the interval changes, the new period on the
 * new plan; {@code amount} is their sum. {@code invoicedNow} says whether they are invoiced at once
 * ({@code always_invoice}, or a new period) rather than added to the next renewal invoice.
 */
public record PlanChangePreviewResponse(String object, String subscriptionId, PlanResponse plan,
        String prorationBehavior, Instant prorationDate, boolean newPeriod, boolean invoicedNow, String currency,
        long amount, List<Line> lines) {

    public static final String OBJECT = "plan_change_preview";

    /** One proration line, in the currency's minor unit. */
    public record Line(String description, long amount, Instant periodStart, Instant periodEnd) {
    }

    static PlanChangePreviewResponse of(String subscriptionId, PlanChange change) {
        List<Line> lines = new ArrayList<>(change.lines().stream()
                .map(line -> new Line(line.description(), line.amount(), line.periodStart(), line.periodEnd()))
                .toList());
        if (change.newPeriod()) { // the interval changes: a whole new period on the new plan is invoiced with it
            Plan next = change.next();
            lines.add(new Line(next.name() + ", a new period", next.amount(), change.at(),
                    next.interval().periodEnd(change.at(), next.intervalCount())));
        }
        boolean invoicedNow = change.newPeriod()
                || change.behavior() == ProrationBehavior.ALWAYS_INVOICE;
        return new PlanChangePreviewResponse(OBJECT, subscriptionId, PlanResponse.from(change.next()),
                change.behavior().wire(), change.at(), change.newPeriod(), invoicedNow, change.next().currency(),
                lines.stream().mapToLong(Line::amount).sum(), lines);
    }
}
