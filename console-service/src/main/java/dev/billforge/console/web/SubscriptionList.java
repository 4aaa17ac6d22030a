package dev.billforge.console.web;

import java.util.List;
import java.util.Objects;

/**
 * A page of the subscriptions list as asked: {@code status} and {@code email} filters, the cursor it starts
 * {@code after} (null on the first page) and that of the next page (null on the last). {@code query} is the filter
 * as a query string, for links; {@link #refreshQuery()} asks for this same page again.
 */
public record SubscriptionList(List<SubscriptionRow> rows, String status, String email, String after,
        String nextCursor, String query) {

    public static final List<String> STATUSES = List.of("incomplete", "trialing", "active", "past_due", "unpaid",
            "paused", "canceled");

    public List<String> statuses() {
        return STATUSES;
    }

    /**
     * What the cards show, in one number: the live refresh sends it back, and the page is only swapped when it
     * changed (so focus and the screen reader stay where they are while nothing happens).
     */
    public String version() {
        int hash = 1;
        for (SubscriptionRow row : rows) {
            var s = row.subscription();
            hash = 31 * hash + Objects.hash(s.id(), s.status(), s.cancelAtPeriodEnd(), s.currentPeriodEnd(),
                    s.plan().id(), row.latestInvoice() == null ? null : row.latestInvoice().id(),
                    row.latestInvoice() == null ? null : row.latestInvoice().status(),
                    row.latestInvoice() == null ? null : row.latestInvoice().amountRemaining());
        }
        return Integer.toHexString(Objects.hash(hash, nextCursor));
    }

    /** This page's own query, for the live refresh: the filters and where it starts. */
    public String refreshQuery() {
        String start = after == null ? "" : "after=" + after;
        return query.isEmpty() ? start : start.isEmpty() ? query : query + "&" + start;
    }
}
