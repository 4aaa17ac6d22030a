package dev.billforge.payment.domain;

import java.util.UUID;

/**
 * An invoice to collect: what invoicing-service announced in {@code invoice.finalized}.
 *
 * @param amount what is still to be paid, in {@code currency}'s minor unit
 * @param attempt the number of the attempt to make (1 for the first)
 */
public record InvoiceDue(UUID invoiceId, UUID subscriptionId, UUID customerId, long amount, String currency,
        int attempt) {

    public boolean nothingToCollect() {
        return amount <= 0;
    }
}
