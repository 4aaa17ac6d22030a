package dev.billforge.payment.messaging;

import java.time.Instant;

import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.payment.DisputeSnapshot;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentDisputeClosed;
import dev.billforge.events.payment.PaymentDisputeOpened;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentRefunded;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.payment.RefundSnapshot;
import dev.billforge.payment.domain.Dispute;
import dev.billforge.payment.domain.InvoiceDue;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.Refund;

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

    /** @param nextRetryAt when dunning retries the invoice, null when no retry follows */
    public static PaymentFailed failed(Payment payment, Instant nextRetryAt) {
        return new PaymentFailed(snapshot(payment), nextRetryAt);
    }

    public static PaymentRefunded refunded(Payment payment, Refund refund) {
        return new PaymentRefunded(snapshot(payment), new RefundSnapshot(refund.id(), refund.paymentId(),
                refund.invoiceId(), refund.customerId(), refund.amount(), refund.currency(), refund.status(),
                refund.reason(), refund.source(), refund.provider(), refund.providerReference(), refund.createdAt()));
    }

    public static PaymentDisputeOpened disputeOpened(Payment payment, Dispute dispute) {
        return new PaymentDisputeOpened(snapshot(payment), snapshot(dispute));
    }

    public static PaymentDisputeClosed disputeClosed(Payment payment, Dispute dispute) {
        return new PaymentDisputeClosed(snapshot(payment), snapshot(dispute));
    }

    private static DisputeSnapshot snapshot(Dispute dispute) {
        return new DisputeSnapshot(dispute.id(), dispute.paymentId(), dispute.invoiceId(), dispute.customerId(),
                dispute.amount(), dispute.currency(), dispute.reason(), dispute.status().wire(), dispute.provider(),
                dispute.providerReference(), dispute.openedAt(), dispute.closedAt());
    }

    /** The attempt an {@code invoice.finalized} asks for: the next after the {@code attempt_count} made so far. */
    static InvoiceDue due(InvoiceSnapshot invoice) {
        return new InvoiceDue(invoice.id(), invoice.subscriptionId(), invoice.customerId(), invoice.amountRemaining(),
                invoice.currency(), invoice.attemptCount() + 1);
    }

    /** The attempt an {@code invoice.payment_requested} asks for; its number is chosen as it is opened. */
    static InvoiceDue requested(InvoiceSnapshot invoice) {
        return new InvoiceDue(invoice.id(), invoice.subscriptionId(), invoice.customerId(), invoice.amountRemaining(),
                invoice.currency(), invoice.attemptCount() + 1, true);
    }

    static PaymentSnapshot snapshot(Payment payment) {
        return new PaymentSnapshot(payment.id(), payment.invoiceId(), payment.subscriptionId(), payment.customerId(),
                payment.amount(), payment.currency(), payment.amountRefunded(), payment.status().wire(), payment.provider(),
                payment.providerReference(), payment.paymentMethodId(), payment.attempt(), payment.failureCode(),
                payment.declineCode(), payment.failureMessage(), payment.createdAt());
    }
}
