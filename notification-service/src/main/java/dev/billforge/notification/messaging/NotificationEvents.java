package dev.billforge.notification.messaging;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.events.EventEnvelope;
import dev.billforge.events.creditnote.CreditNoteIssued;
import dev.billforge.events.creditnote.CreditNoteSnapshot;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.events.subscription.SubscriptionTrialWillEnd;
import dev.billforge.notification.domain.NotificationDraft;
import dev.billforge.notification.domain.NotificationTemplates;
import dev.billforge.notification.domain.NotificationType;

/** Maps each consumed billing event (the contract in the events module) to the notification it asks for. */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    public static NotificationDraft invoiceFinalized(EventEnvelope<JsonNode> event, InvoiceFinalized data) {
        InvoiceSnapshot invoice = data.invoice();
        return new NotificationDraft(event.tenantid(), invoice.customerId(), NotificationType.INVOICE_FINALIZED,
                NotificationTemplates.invoiceFinalized(invoice.number(), invoice.amountDue(), invoice.currency(),
                        invoice.dueDate()),
                event.id(), event.type(), invoice.id(), null, invoice.subscriptionId());
    }

    public static NotificationDraft paymentSucceeded(EventEnvelope<JsonNode> event, PaymentSucceeded data) {
        PaymentSnapshot payment = data.payment();
        return new NotificationDraft(event.tenantid(), payment.customerId(), NotificationType.PAYMENT_RECEIPT,
                NotificationTemplates.paymentReceipt(payment.amount(), payment.currency(), payment.invoiceId(),
                        payment.providerReference()),
                event.id(), event.type(), payment.invoiceId(), payment.id(), payment.subscriptionId());
    }

    public static NotificationDraft paymentFailed(EventEnvelope<JsonNode> event, PaymentFailed data) {
        PaymentSnapshot payment = data.payment();
        return new NotificationDraft(event.tenantid(), payment.customerId(), NotificationType.PAYMENT_FAILED,
                NotificationTemplates.paymentFailed(payment.amount(), payment.currency(), payment.invoiceId(),
                        payment.failureMessage(), payment.failureCode(), data.nextRetryAt()),
                event.id(), event.type(), payment.invoiceId(), payment.id(), payment.subscriptionId());
    }

    public static NotificationDraft paymentActionRequired(EventEnvelope<JsonNode> event, PaymentActionRequired data) {
        PaymentSnapshot payment = data.payment();
        return new NotificationDraft(event.tenantid(), payment.customerId(), NotificationType.PAYMENT_ACTION_REQUIRED,
                NotificationTemplates.paymentActionRequired(payment.amount(), payment.currency(), payment.invoiceId(),
                        payment.providerReference()),
                event.id(), event.type(), payment.invoiceId(), payment.id(), payment.subscriptionId());
    }

    public static NotificationDraft trialWillEnd(EventEnvelope<JsonNode> event, SubscriptionTrialWillEnd data) {
        SubscriptionSnapshot subscription = data.subscription();
        PlanSnapshot plan = subscription.plan();
        return new NotificationDraft(event.tenantid(), subscription.customerId(), NotificationType.TRIAL_ENDING,
                NotificationTemplates.trialEnding(plan.name(), subscription.trialEnd(), plan.amount(), plan.currency(),
                        plan.interval()),
                event.id(), event.type(), null, null, subscription.id());
    }

    public static NotificationDraft creditNoteIssued(EventEnvelope<JsonNode> event, CreditNoteIssued data) {
        CreditNoteSnapshot note = data.creditNote();
        return new NotificationDraft(event.tenantid(), note.customerId(), NotificationType.REFUND_ISSUED,
                NotificationTemplates.refundIssued(note.amount(), note.currency(), note.invoiceNumber(),
                        note.number()),
                event.id(), event.type(), note.invoiceId(), note.paymentId(), null);
    }

    public static NotificationDraft subscriptionCanceled(EventEnvelope<JsonNode> event, SubscriptionCanceled data) {
        SubscriptionSnapshot subscription = data.subscription();
        return new NotificationDraft(event.tenantid(), subscription.customerId(),
                NotificationType.SUBSCRIPTION_CANCELED,
                NotificationTemplates.subscriptionCanceled(subscription.plan().name(), endedAt(event, subscription)),
                event.id(), event.type(), null, null, subscription.id());
    }

    /** When the subscription ended: {@code ended_at}, else when it was canceled, else when the event says it happened. */
    private static Instant endedAt(EventEnvelope<JsonNode> event, SubscriptionSnapshot subscription) {
        if (subscription.endedAt() != null) {
            return subscription.endedAt();
        }
        return subscription.canceledAt() != null ? subscription.canceledAt() : event.time();
    }
}
