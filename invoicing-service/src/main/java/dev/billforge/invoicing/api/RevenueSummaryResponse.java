package dev.billforge.invoicing.api;

import java.util.List;

import dev.billforge.invoicing.domain.MonthlyRevenue;

/**
 * One currency's revenue month by month, net of tax: recognised in each month, and deferred (paid for, not yet
 * recognised) at its end; {@code recognized} adds up the months.
 */
public record RevenueSummaryResponse(String object, String currency, String from, String to, long recognized,
        List<RevenueMonthResponse> months) {

    public static final String OBJECT = "revenue_summary";

    static RevenueSummaryResponse of(String currency, List<MonthlyRevenue> months) {
        return new RevenueSummaryResponse(OBJECT, currency, months.get(0).month().toString(),
                months.get(months.size() - 1).month().toString(),
                months.stream().mapToLong(MonthlyRevenue::recognized).sum(),
                months.stream().map(RevenueMonthResponse::from).toList());
    }
}
