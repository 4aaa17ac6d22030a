package dev.billforge.invoicing.domain;

import java.util.Map;
import java.util.UUID;

/**
 * What {@code POST /v1/invoices} asks for: a one-off draft for a customer, in an ISO 4217 currency (upper case).
 *
 * @param daysUntilDue for {@code send_invoice} only: days from finalization to the due date
 */
public record OneOffInvoice(UUID customerId, String currency, CollectionMethod collectionMethod,
        Integer daysUntilDue, String description, Map<String, String> metadata) {
}
