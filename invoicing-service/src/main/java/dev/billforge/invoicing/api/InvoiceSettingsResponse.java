package dev.billforge.invoicing.api;

import java.time.Instant;

import dev.billforge.chassis.web.AddressBody;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.invoicing.domain.InvoiceSettings;

/** A tenant's invoice settings as the API shows them. */
public record InvoiceSettingsResponse(String object, String sellerName, String sellerEmail, String sellerTaxId,
        AddressBody sellerAddress, String footer, Instant updatedAt) {

    public static final String OBJECT = "invoice_settings";

    static InvoiceSettingsResponse from(InvoiceSettings settings) {
        InvoiceParty seller = settings.seller();
        return new InvoiceSettingsResponse(OBJECT, seller.name(), seller.email(), seller.taxId(),
                AddressBody.from(seller.address()), settings.footer(), settings.updatedAt());
    }
}
