package dev.billforge.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;
import dev.billforge.events.creditnote.CreditNoteIssued;
import dev.billforge.events.creditnote.CreditNoteSnapshot;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.invoice.InvoiceDocumentDetails;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.events.subscription.SubscriptionTrialWillEnd;
import dev.billforge.testsupport.CustomerAnnouncements;
import dev.billforge.testsupport.KafkaEvents;

/** Plays the other services in tests: builds their events with every required field filled, and publishes them. */
public final class BillingEvents {

    public static final LocalDate DUE = LocalDate.parse("2026-11-25");
    public static final Instant ENDED = Instant.parse("2026-11-30T12:00:00Z");

    private BillingEvents() {
    }

    public static UUID newCustomerId() {
        return TimeOrderedIds.next();
    }

    /** Publishes {@code customer.created} for a new customer and returns its id. */
    public static UUID customerCreated(String tenant, String billingEmail) {
        return CustomerAnnouncements.announce(tenant, billingEmail);
    }

    /** Publishes {@code customer.created} for a customer whose id is already in use (announced late). */
    public static void publishCustomer(String tenant, UUID id, String billingEmail) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        KafkaEvents.publish(KafkaEvents.envelope(EventCatalog.CUSTOMER_CREATED, "/customer-service", tenant, id,
                new CustomerCreated(new CustomerSnapshot(id, billingEmail, "Ada", null, null, null, null, Map.of(),
                        now, now))));
    }

    public static EventEnvelope<InvoiceFinalized> invoiceFinalized(String tenant, UUID customerId, String number,
            long amountDue, String currency) {
        UUID invoiceId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        InvoiceSnapshot invoice = new InvoiceSnapshot(invoiceId, number, customerId, UUID.randomUUID(), "open",
                currency, amountDue, 0, amountDue, amountDue, 0L, 0L, 0, DUE, now, now.plus(30, ChronoUnit.DAYS),
                List.of(new InvoiceLine("Pro (monthly)", 1, amountDue, amountDue, now, now.plus(30, ChronoUnit.DAYS),
                        false)),
                now, null, now, InvoiceSnapshot.CHARGE_AUTOMATICALLY, null, null, null);
        return KafkaEvents.envelope(EventCatalog.INVOICE_FINALIZED, "/invoicing-service", tenant, invoiceId,
                new InvoiceFinalized(invoice));
    }

    /**
     * invoicing-service's announcement that invoice {@code number} of {@code amount} is paid, with the seller and
     * customer it prints.
     */
    public static EventEnvelope<InvoicePaid> invoicePaid(String tenant, UUID customerId, UUID invoiceId, String number,
            long amount, String currency) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        InvoiceSnapshot invoice = new InvoiceSnapshot(invoiceId, number, customerId, null, "paid", currency, amount,
                amount, 0, amount, 0L, 0L, 1, DUE, null, null,
                List.of(new InvoiceLine("Onboarding workshop", 1, amount, amount, now, now, false)), now, now, now,
                InvoiceSnapshot.CHARGE_AUTOMATICALLY, amount, 0L, new InvoiceDocumentDetails(
                        new InvoiceParty("Acme GmbH", "billing@acme.example", "DE123456789", null),
                        new InvoiceParty("Ada Lovelace", "ada@example.com", null, null), null, null));
        return KafkaEvents.envelope(EventCatalog.INVOICE_PAID, "/invoicing-service", tenant, invoiceId,
                new InvoicePaid(invoice, UUID.randomUUID()));
    }

    /** payment-service's announcement that {@code amount} was captured for invoice {@code invoiceId}. */
    public static EventEnvelope<PaymentSucceeded> paymentSucceeded(String tenant, UUID customerId, UUID invoiceId,
            long amount, String currency) {
        PaymentSnapshot random = payment(customerId, amount, currency, "succeeded", "pi_" + invoiceId, null, null);
        PaymentSnapshot payment = new PaymentSnapshot(random.id(), invoiceId, null, customerId, amount, currency, 0,
                "succeeded", "simulator", random.providerReference(), null, 1, null, null, null, random.createdAt());
        return KafkaEvents.envelope(EventCatalog.PAYMENT_SUCCEEDED, "/payment-service", tenant, payment.id(),
                new PaymentSucceeded(payment));
    }

    public static EventEnvelope<PaymentSucceeded> paymentSucceeded(String tenant, UUID customerId, long amount,
            String currency, String providerReference) {
        PaymentSnapshot payment = payment(customerId, amount, currency, "succeeded", providerReference, null, null);
        return KafkaEvents.envelope(EventCatalog.PAYMENT_SUCCEEDED, "/payment-service", tenant, payment.id(),
                new PaymentSucceeded(payment));
    }

    public static EventEnvelope<PaymentFailed> paymentFailed(String tenant, UUID customerId, long amount,
            String currency, String failureCode, String failureMessage, Instant nextRetryAt) {
        PaymentSnapshot payment = payment(customerId, amount, currency, "failed", null, failureCode, failureMessage);
        return KafkaEvents.envelope(EventCatalog.PAYMENT_FAILED, "/payment-service", tenant, payment.id(),
                new PaymentFailed(payment, nextRetryAt));
    }

    public static EventEnvelope<SubscriptionCanceled> subscriptionCanceled(String tenant, UUID customerId,
            String planName) {
        UUID subscriptionId = UUID.randomUUID();
        Instant created = ENDED.minus(60, ChronoUnit.DAYS);
        SubscriptionSnapshot subscription = new SubscriptionSnapshot(subscriptionId, customerId,
                new PlanSnapshot(UUID.randomUUID(), planName, 1999, "USD", "month", 1), "canceled", created,
                ENDED, null, null, false, ENDED, ENDED, Map.of(), created, null);
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_CANCELED, "/subscription-service", tenant,
                subscriptionId, new SubscriptionCanceled(subscription, "active",
                        SubscriptionCanceled.CANCELLATION_REQUESTED));
    }

    public static EventEnvelope<PaymentActionRequired> paymentActionRequired(String tenant, UUID customerId,
            long amount, String currency) {
        PaymentSnapshot payment = payment(customerId, amount, currency, "requires_action", "pi_3auth",
                "authentication_required", "Your bank asks you to confirm this payment.");
        return KafkaEvents.envelope(EventCatalog.PAYMENT_ACTION_REQUIRED, "/payment-service", tenant, payment.id(),
                new PaymentActionRequired(payment));
    }

    public static EventEnvelope<SubscriptionTrialWillEnd> trialWillEnd(String tenant, UUID customerId,
            String planName, Instant trialEnd) {
        UUID subscriptionId = UUID.randomUUID();
        Instant created = trialEnd.minus(14, ChronoUnit.DAYS);
        SubscriptionSnapshot subscription = new SubscriptionSnapshot(subscriptionId, customerId,
                new PlanSnapshot(UUID.randomUUID(), planName, 4900, "EUR", "month", 1), "trialing", created, trialEnd,
                created, trialEnd, false, null, null, Map.of(), created, trialEnd.plus(30, ChronoUnit.DAYS));
        return KafkaEvents.envelope(EventCatalog.SUBSCRIPTION_TRIAL_WILL_END, "/subscription-service", tenant,
                subscriptionId, new SubscriptionTrialWillEnd(subscription));
    }

    /** invoicing-service's announcement of a credit note for a refund of {@code amount} in {@code currency}. */
    public static EventEnvelope<CreditNoteIssued> creditNoteIssued(String tenant, UUID customerId, String number,
            String invoiceNumber, long amount, String currency) {
        CreditNoteSnapshot note = new CreditNoteSnapshot(UUID.randomUUID(), number, UUID.randomUUID(), invoiceNumber,
                customerId, UUID.randomUUID(), UUID.randomUUID(), amount, currency, "requested_by_customer",
                Instant.now().truncatedTo(ChronoUnit.MICROS), 0L);
        return KafkaEvents.envelope(EventCatalog.CREDIT_NOTE_ISSUED, "/invoicing-service", tenant, note.id(),
                new CreditNoteIssued(note, amount));
    }

    private static PaymentSnapshot payment(UUID customerId, long amount, String currency, String status,
            String providerReference, String failureCode, String failureMessage) {
        return new PaymentSnapshot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), customerId, amount,
                currency, 0, status, "simulator", providerReference, null, 1, failureCode, null, failureMessage,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
