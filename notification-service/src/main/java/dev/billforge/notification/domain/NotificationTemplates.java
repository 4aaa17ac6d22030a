package dev.billforge.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.billforge.document.MoneyFormat;

/**
 * The words of each notification type, from the Qute templates in {@code templates/notifications/} (plain text:
 * the first line is the subject, the body follows a blank line). Amounts are formatted in the notification's
 * currency with {@link MoneyFormat} (the one invoice PDFs use), dates are ISO dates in UTC. Renderers take plain values, not events, so the wording
 * is testable on its own; the templates are checked against these signatures at build time.
 */
public final class NotificationTemplates {

    private NotificationTemplates() {
    }

    @CheckedTemplate(basePath = "notifications")
    static class Text {
        static native TemplateInstance invoiceFinalized(String number, String amount, LocalDate dueDate);

        static native TemplateInstance paymentReceipt(String amount, String currency, UUID invoice, String reference);

        static native TemplateInstance paymentFailed(String amount, String currency, UUID invoice, String reason,
                String code, LocalDate nextRetry);

        static native TemplateInstance paymentActionRequired(String amount, String currency, UUID invoice,
                String reference);

        static native TemplateInstance trialEnding(String plan, LocalDate trialEnd, String price, String interval);

        static native TemplateInstance refundIssued(String amount, String currency, String invoiceNumber,
                String creditNoteNumber);

        static native TemplateInstance subscriptionCanceled(String plan, LocalDate endedAt);
    }

    /** {@code invoice_finalized}: the invoice has its number and is due. */
    public static NotificationMessage invoiceFinalized(String invoiceNumber, long amountDue, String currency,
            LocalDate dueDate) {
        return render(Text.invoiceFinalized(invoiceNumber, MoneyFormat.format(amountDue, currency), dueDate));
    }

    /** {@code payment_receipt}: a payment was captured. */
    public static NotificationMessage paymentReceipt(long amount, String currency, UUID invoiceId,
            String providerReference) {
        return render(Text.paymentReceipt(MoneyFormat.format(amount, currency), currency, invoiceId,
                orNone(providerReference)));
    }

    /** {@code payment_failed}: a payment attempt was declined or could not be made; when dunning retries, and when. */
    public static NotificationMessage paymentFailed(long amount, String currency, UUID invoiceId,
            String failureMessage, String failureCode, Instant nextRetryAt) {
        String reason = failureMessage == null || failureMessage.isBlank() ? "The payment was not accepted."
                : failureMessage;
        return render(Text.paymentFailed(MoneyFormat.format(amount, currency), currency, invoiceId, reason,
                orNone(failureCode), nextRetryAt == null ? null : date(nextRetryAt)));
    }

    /** {@code payment_action_required}: the issuer wants the customer to authenticate the payment (3-D Secure). */
    public static NotificationMessage paymentActionRequired(long amount, String currency, UUID invoiceId,
            String providerReference) {
        return render(Text.paymentActionRequired(MoneyFormat.format(amount, currency), currency, invoiceId,
                orNone(providerReference)));
    }

    /** {@code trial_ending}: the trial ends soon, and billing begins. */
    public static NotificationMessage trialEnding(String planName, Instant trialEnd, long price, String currency,
            String interval) {
        return render(Text.trialEnding(planName, date(trialEnd), MoneyFormat.format(price, currency), interval));
    }

    /** {@code refund_issued}: money was given back, with the credit note that records it. */
    public static NotificationMessage refundIssued(long amount, String currency, String invoiceNumber,
            String creditNoteNumber) {
        return render(Text.refundIssued(MoneyFormat.format(amount, currency), currency, invoiceNumber, creditNoteNumber));
    }

    /** {@code subscription_canceled}: the subscription ended and will not be billed again. */
    public static NotificationMessage subscriptionCanceled(String planName, Instant endedAt) {
        return render(Text.subscriptionCanceled(planName, date(endedAt)));
    }

    /** Splits a rendered template into its subject (the first line) and body (after the blank line). */
    static NotificationMessage render(TemplateInstance template) {
        String text = template.render();
        int end = text.indexOf("\n\n");
        if (end < 0) {
            throw new IllegalStateException("A notification template starts with a subject line and a blank line");
        }
        return new NotificationMessage(text.substring(0, end).strip(), text.substring(end + 2));
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
