package dev.billforge.console.model;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Name;

/**
 * What moving a subscription to {@code plan} now would bill (subscription-service's change-plan preview): the
 * proration lines, credits negative, and their sum; invoiced at once or added to the next renewal invoice.
 */
public record PlanChangePreview(String subscriptionId, Plan plan, String prorationBehavior, Instant prorationDate,
        boolean newPeriod, boolean invoicedNow, String currency, long amount, List<Line> lines) {

    @Name("ProrationLine")
    public record Line(String description, long amount, Instant periodStart, Instant periodEnd) {
    }
}
