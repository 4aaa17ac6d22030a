package dev.billforge.events.invoice;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One invoice item. {@code amount = quantity * unit_amount}, in the invoice's currency's minor unit. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceLine(String description, long quantity, long unitAmount, long amount, Instant periodStart,
        Instant periodEnd, boolean proration) {
}
