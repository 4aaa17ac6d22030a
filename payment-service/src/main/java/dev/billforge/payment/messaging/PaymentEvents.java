package dev.billforge.payment.messaging;

import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.payment.domain.InvoiceDue;
import dev.billforge.payment.domain.Payment;

/** Maps between payments and the event records of the contract (events module). */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    public static PaymentSucceeded succeeded(Payment payment) {
        return new PaymentSucceeded(snapshot(payment));
    }

    public static PaymentActionRequired actionRequired(Payment payment) {
        return new PaymentActionRequired(snapshot(payment));
    }

    /** No dunning schedule yet: a failed attempt plans no retry ({@code next_retry_at} null). */
    public static PaymentFailed failed(Payment payment) {
        return new PaymentFailed(snapshot(payment), null);
    }

    /** The attempt an {@code invoice.finalized} asks for: the next after the {@code attempt_count} made so far. */
    static InvoiceDue due(InvoiceSnapshot invoice) {
        return new InvoiceDue(invoice.id(), invoice.subscriptionId(), invoice.customerId(), invoice.amountRemaining(),
                invoice.currency(), invoice.attemptCount() + 1);
    }

    static PaymentSnapshot snapshot(Payment payment) {
        return new PaymentSnapshot(payment.id(), payment.invoiceId(), payment.subscriptionId(), payment.customerId(),
                payment.amount(), payment.currency(), payment.status().wireName(), payment.provider(),
                payment.providerReference(), payment.paymentMethodId(), payment.attempt(), payment.failureCode(),
                payment.declineCode(), payment.failureMessage(), payment.createdAt());
    }
}
