package dev.billforge.events.invoice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code invoice.marked_uncollectible} v1: dunning gave up on the invoice; it is no longer charged and its
 * {@code amount_remaining} is written off.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceMarkedUncollectible(InvoiceSnapshot invoice) {
}
