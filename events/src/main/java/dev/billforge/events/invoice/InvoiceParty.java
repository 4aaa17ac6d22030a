package dev.billforge.events.invoice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.billforge.events.customer.PostalAddress;

/**
 * Who issued an invoice, or who it is billed to, as printed on it when it was finalized. Every field may be null:
 * a tenant that has not set its seller details, a customer with no address.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceParty(String name, String email, String taxId, PostalAddress address) {
}
