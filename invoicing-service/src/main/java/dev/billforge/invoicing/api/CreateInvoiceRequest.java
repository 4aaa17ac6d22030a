package dev.billforge.invoicing.api;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.validation.CurrencyCodes;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.invoicing.domain.CollectionMethod;
import dev.billforge.invoicing.domain.OneOffInvoice;

/**
 * {@code POST /v1/invoices}: a one-off draft. {@code collection_method} is {@code charge_automatically} (the default:
 * the customer's payment method is charged when it is finalized) or {@code send_invoice}, which needs
 * {@code days_until_due} (0 to 365).
 */
public record CreateInvoiceRequest(
        @NotBlank String customerId,
        @NotBlank String currency,
        String collectionMethod,
        @Min(0) @Max(365) Integer daysUntilDue,
        @Size(max = 1000) String description,
        @Metadata Map<String, String> metadata) {

    OneOffInvoice toOneOff(UUID customer) {
        CollectionMethod collection = collectionMethod == null ? CollectionMethod.CHARGE_AUTOMATICALLY
                : CollectionMethod.fromWire(collectionMethod).orElseThrow(() -> ApiException.invalidField(
                        "collection_method", ErrorCode.INVALID_VALUE, "must be one of " + CollectionMethod.allWire()));
        if (collection == CollectionMethod.SEND_INVOICE && daysUntilDue == null) {
            throw ApiException.invalidField("days_until_due", ErrorCode.REQUIRED,
                    "is required with send_invoice: the days the customer has to pay");
        }
        if (collection == CollectionMethod.CHARGE_AUTOMATICALLY && daysUntilDue != null) {
            throw ApiException.invalidField("days_until_due", ErrorCode.INVALID_VALUE,
                    "goes with send_invoice only: an invoice charged automatically is due when it is finalized");
        }
        return new OneOffInvoice(customer, CurrencyCodes.require("currency", currency), collection, daysUntilDue,
                description, metadata);
    }
}
