package dev.billforge.invoicing.api;

import dev.billforge.invoicing.domain.MonthlyRevenue;

/** One month of revenue: {@code month} is {@code yyyy-MM} (UTC). */
public record RevenueMonthResponse(String month, long recognized, long deferred) {

    static RevenueMonthResponse from(MonthlyRevenue revenue) {
        return new RevenueMonthResponse(revenue.month().toString(), revenue.recognized(), revenue.deferred());
    }
}
