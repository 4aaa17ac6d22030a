package dev.billforge.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The plain-text words of each notification type, subject and body. Dates are shown as ISO dates in UTC, money with
 * {@link Money}. Renderers take plain values, not events, so the wording is testable on its own.
 */
public final class NotificationTemplates {

    private NotificationTemplates() {
    }

    /** {@code invoice_finalized}: the invoice has its number and is due. */
    public static NotificationMessage invoiceFinalized(String invoiceNumber, long amountDue, String currency,
            LocalDate dueDate) {
        String amount = Money.format(amountDue, currency);
        String due = dueDate == null ? "on receipt" : "on " + dueDate;
        return new NotificationMessage(
                "Your invoice " + invoiceNumber + " for " + amount + " is due " + due,
                "Your invoice " + invoiceNumber + " is ready.\n\n"
                        + "Amount due: " + amount + "\n"
                        + "Due date: " + (dueDate == null ? "on receipt" : dueDate) + "\n");
    }

    /** {@code payment_receipt}: a payment was captured. */
    public static NotificationMessage paymentReceipt(long amount, String currency, UUID invoiceId,
            String providerReference) {
        String paid = Money.format(amount, currency);
        return new NotificationMessage(
                "Receipt for your payment of " + paid,
                "Thank you for your payment.\n\n"
                        + "Amount paid: " + paid + " (" + currency + ")\n"
                        + "Invoice: " + invoiceId + "\n"
                        + "Payment reference: " + orNone(providerReference) + "\n");
    }

    /** {@code payment_failed}: a payment attempt was declined or could not be made. */
    public static NotificationMessage paymentFailed(long amount, String currency, UUID invoiceId,
            String failureMessage, String failureCode, Instant nextRetryAt) {
        String due = Money.format(amount, currency);
        String reason = (failureMessage == null || failureMessage.isBlank() ? "The payment was not accepted."
                : failureMessage) + " (code: " + orNone(failureCode) + ")";
        String next = nextRetryAt == null ? "Please update your payment method or pay the invoice directly.\n"
                : "We will try again on " + date(nextRetryAt) + ".\n";
        return new NotificationMessage(
                "Your payment of " + due + " failed",
                "We could not collect your payment of " + due + " (" + currency + ") for invoice " + invoiceId
                        + ".\n\n"
                        + "Reason: " + reason + "\n"
                        + next);
    }

    /** {@code subscription_canceled}: the subscription ended and will not be billed again. */
    public static NotificationMessage subscriptionCanceled(String planName, Instant endedAt) {
        return new NotificationMessage(
                "Your " + planName + " subscription has been canceled",
                "Your subscription to " + planName + " ended on " + date(endedAt) + ".\n\n"
                        + "You will not be billed for it again.\n");
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
