package dev.billforge.events.customer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code customer.deleted} v1: the customer was deleted. Its invoices and payments are kept (they are
 * financial records); no new subscription may be created for it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomerDeleted(UUID customerId, Instant deletedAt) {
}
