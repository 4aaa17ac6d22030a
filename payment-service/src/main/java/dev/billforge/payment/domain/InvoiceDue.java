package dev.billforge.payment.domain;

import java.util.UUID;

/**
 * An invoice to collect: what invoicing-service announced in {@code invoice.finalized} (or
 * {@code invoice.payment_requested}).
 *
 * @param amount what is still to be paid, in {@code currency}'s minor unit
 * @param attempt the number of the attempt to make (1 for the first)
 * @param onRequest whether someone asked for this attempt ({@code POST /v1/invoices/{id}/pay})
 */
public record InvoiceDue(UUID invoiceId, UUID subscriptionId, UUID customerId, long amount, String currency,
        int attempt, boolean onRequest) {

    /** An attempt of automatic collection: on finalization, or a dunning retry. */
    public InvoiceDue(UUID invoiceId, UUID subscriptionId, UUID customerId, long amount, String currency,
            int attempt) {
        this(invoiceId, subscriptionId, customerId, amount, currency, attempt, false);
    }

    /** The same invoice as attempt number {@code next}. */
    public InvoiceDue asAttempt(int next) {
        return new InvoiceDue(invoiceId, subscriptionId, customerId, amount, currency, next, onRequest);
    }

    public boolean nothingToCollect() {
        return amount <= 0;
    }
}
