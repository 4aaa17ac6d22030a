package dev.billforge.console.model;

/**
 * A month's bill run for the tenant as it stands (invoicing-service's {@code GET /v1/bill-run}): subscriptions still
 * due to renew by the month's end, and the month's renewal invoices by outcome.
 */
public record BillRun(String month, long due, long renewed, long paid, long failed, long awaitingPayment,
        long closed) {
}
