package dev.billforge.notification.domain;

import java.time.Instant;

import dev.billforge.events.invoice.InvoiceSnapshot;

/**
 * An invoice as an event of {@code eventTime} described it: what this service keeps of invoices (their copies, from
 * which a receipt's PDF is printed), the newest description winning.
 */
public record InvoiceDescription(String tenantId, InvoiceSnapshot invoice, Instant eventTime) {
}
