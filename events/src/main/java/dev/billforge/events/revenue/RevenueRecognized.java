package dev.billforge.events.revenue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code revenue.recognized} v1: the tenant's revenue for one closed calendar month (UTC), for finance teams'
 * ledgers. Published once per tenant and month, after the month ended on the tenant's business clock; a month is
 * never published again, and nothing booked later changes it (a later credit note reverses revenue in its own month).
 *
 * @param month the month, {@code yyyy-MM}
 * @param periodStart the month's first instant (UTC)
 * @param periodEnd the next month's first instant (UTC)
 * @param amounts one entry per currency the tenant had revenue in up to the month's end
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RevenueRecognized(String month, Instant periodStart, Instant periodEnd, List<CurrencyRevenue> amounts) {

    /**
     * @param recognized revenue recognised in the month (net of tax; negative when credit notes reversed more than
     *        was earned)
     * @param deferred revenue paid for but not yet recognised at the month's end
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CurrencyRevenue(String currency, long recognized, long deferred) {
    }
}
