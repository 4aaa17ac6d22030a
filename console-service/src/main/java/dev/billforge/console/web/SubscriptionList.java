package dev.billforge.console.web;

import java.util.List;

/**
 * A page of the subscriptions list as asked: {@code status} and {@code email} filters, and the cursor of the next
 * page (null on the last). {@code query} is the filter as a query string, for links and the live refresh.
 */
public record SubscriptionList(List<SubscriptionRow> rows, String status, String email, String nextCursor,
        String query) {

    public static final List<String> STATUSES = List.of("incomplete", "trialing", "active", "past_due", "unpaid",
            "paused", "canceled");

    public List<String> statuses() {
        return STATUSES;
    }
}
