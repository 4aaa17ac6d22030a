package dev.billforge.invoicing.domain;

import java.util.UUID;

/** Which of a tenant's invoices a list shows; a null criterion matches every invoice. */
public record InvoiceFilter(UUID customerId, UUID subscriptionId, InvoiceStatus status) {

    public static final InvoiceFilter ALL = new InvoiceFilter(null, null, null);
}
