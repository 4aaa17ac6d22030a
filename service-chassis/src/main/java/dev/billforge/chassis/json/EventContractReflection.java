package dev.billforge.chassis.json;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.billforge.events.EventEnvelope;
import dev.billforge.events.balance.CustomerBalanceChanged;
import dev.billforge.events.creditnote.CreditNoteIssued;
import dev.billforge.events.creditnote.CreditNoteSnapshot;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.customer.CustomerUpdated;
import dev.billforge.events.customer.PostalAddress;
import dev.billforge.events.invoice.InvoiceDocumentDetails;
import dev.billforge.events.invoice.InvoiceFinalized;
import dev.billforge.events.invoice.InvoiceLine;
import dev.billforge.events.invoice.InvoiceMarkedUncollectible;
import dev.billforge.events.invoice.InvoicePaid;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.events.invoice.InvoicePaymentRequested;
import dev.billforge.events.invoice.InvoiceSnapshot;
import dev.billforge.events.invoice.InvoiceTaxRate;
import dev.billforge.events.invoice.InvoiceVoided;
import dev.billforge.events.payment.DisputeSnapshot;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentActionRequired;
import dev.billforge.events.payment.PaymentDisputeClosed;
import dev.billforge.events.payment.PaymentDisputeOpened;
import dev.billforge.events.payment.PaymentFailed;
import dev.billforge.events.payment.PaymentRefunded;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.PaymentSucceeded;
import dev.billforge.events.payment.RefundSnapshot;
import dev.billforge.events.revenue.RevenueRecognized;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionCreated;
import dev.billforge.events.subscription.SubscriptionPaused;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionResumed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.events.subscription.SubscriptionTrialWillEnd;
import dev.billforge.events.subscription.SubscriptionUpdated;

/**
 * Native images keep only the reflection they are told about. {@link EventJson} (de)serializes the contract's records
 * with its own ObjectMapper, outside what Quarkus REST registers by itself, so every record of the events module is
 * listed here, nested snapshots included. A new event record belongs here as well as in the EventCatalog
 * ({@code EventContractReflectionTest} checks that every record an event carries is listed).
 */
@RegisterForReflection(targets = {
        EventEnvelope.class, CustomerBalanceChanged.class, CreditNoteIssued.class, CreditNoteSnapshot.class,
        CustomerCreated.class, CustomerDeleted.class, CustomerSnapshot.class, CustomerUpdated.class,
        PostalAddress.class, InvoiceDocumentDetails.class, InvoiceFinalized.class, InvoiceLine.class,
        InvoiceMarkedUncollectible.class, InvoicePaid.class, InvoiceParty.class, InvoicePaymentRequested.class,
        InvoiceSnapshot.class, InvoiceTaxRate.class, InvoiceVoided.class, DisputeSnapshot.class,
        DunningExhausted.class, PaymentActionRequired.class, PaymentDisputeClosed.class, PaymentDisputeOpened.class,
        PaymentFailed.class, PaymentRefunded.class, PaymentSnapshot.class, PaymentSucceeded.class,
        RefundSnapshot.class, RevenueRecognized.class, PlanSnapshot.class, SubscriptionCanceled.class,
        SubscriptionCreated.class, SubscriptionPaused.class, SubscriptionPlanChanged.class,
        SubscriptionRenewed.class, SubscriptionResumed.class, SubscriptionSnapshot.class,
        SubscriptionTrialWillEnd.class, SubscriptionUpdated.class, RevenueRecognized.CurrencyRevenue.class,
        SubscriptionPlanChanged.ProrationLine.class })
final class EventContractReflection {

    private EventContractReflection() {
    }
}
