package dev.billforge.invoicing.domain;

import java.util.List;
import java.util.UUID;

/**
 * Which of a tenant's invoices a list shows: those of the ids, of any of the customers, of any of the subscriptions, in
 * the status; a null criterion matches every invoice.
 */
public record InvoiceFilter(List<UUID> ids, List<UUID> customerIds, List<UUID> subscriptionIds, InvoiceStatus status) {

    public static final InvoiceFilter ALL = new InvoiceFilter(null, null, null, null);
}
