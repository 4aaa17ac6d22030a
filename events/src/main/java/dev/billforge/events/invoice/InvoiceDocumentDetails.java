package dev.billforge.events.invoice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What an invoice's document shows besides its amounts and lines, fixed when it was finalized (an issued invoice
 * does not change when the seller or the customer later moves): enough for a consumer to print the same invoice.
 *
 * @param issuer the seller: the tenant's invoice settings at finalization
 * @param billedTo the customer's name, billing email and billing address ({@code tax_id} is null: customers have
 *        none yet)
 * @param taxRate the rate it was taxed at, or null when untaxed
 * @param footer the tenant's footer text (bank details, registration), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceDocumentDetails(InvoiceParty issuer, InvoiceParty billedTo, InvoiceTaxRate taxRate,
        String footer) {
}
