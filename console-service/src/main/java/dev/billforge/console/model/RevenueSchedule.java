package dev.billforge.console.model;

import java.util.List;

/** How one paid invoice line is recognised: to date, still deferred, and per month. */
public record RevenueSchedule(String invoiceId, String invoiceItemId, int lineNumber, String currency, long amount,
        long recognizedToDate, long deferred, List<RevenueSummary.Month> months) {
}
