package dev.billforge.invoicing.domain;

import java.time.YearMonth;

/**
 * How a month's bill run stands for one tenant: the subscriptions still due to renew by the month's end (as they
 * stand now, so meaningful for the current month), and the subscription invoices of periods starting in the month
 * by outcome. {@code renewed} counts every such invoice issued; {@code paid}, {@code failed} (open, at least one
 * attempt declined), {@code awaitingPayment} (open, not yet attempted or sent to be paid) and {@code closed} (void or
 * written off) split it.
 */
public record BillRunProgress(YearMonth month, long due, long renewed, long paid, long failed, long awaitingPayment,
        long closed) {
}
