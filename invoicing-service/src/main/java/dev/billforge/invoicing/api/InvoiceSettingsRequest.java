package dev.billforge.invoicing.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.web.AddressBody;
import dev.billforge.events.invoice.InvoiceParty;

/**
 * {@code PUT /v1/invoice-settings}: the seller a tenant's invoices print and their footer. Every field is optional, and
 * a PUT replaces them all (a field left out is cleared).
 */
public record InvoiceSettingsRequest(
        @Size(max = 200) String sellerName,
        @Email @Size(max = 254) String sellerEmail,
        @Size(max = 64) String sellerTaxId,
        @Valid AddressBody sellerAddress,
        @Size(max = 1000) String footer) {

    InvoiceParty seller() {
        return new InvoiceParty(sellerName, sellerEmail, sellerTaxId,
                sellerAddress == null ? null : sellerAddress.toPostalAddress());
    }
}
