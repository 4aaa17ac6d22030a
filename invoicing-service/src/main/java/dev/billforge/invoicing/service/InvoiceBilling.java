package dev.billforge.invoicing.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.events.payment.PaymentSnapshot;
import dev.billforge.events.payment.RefundSnapshot;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.domain.CreditNote;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceItem;
import dev.billforge.invoicing.domain.InvoiceStatus;
import dev.billforge.invoicing.domain.PaymentError;
import dev.billforge.invoicing.domain.PendingInvoiceItem;
import dev.billforge.invoicing.messaging.InvoiceEvents;
import dev.billforge.invoicing.store.CreditNoteStore;
import dev.billforge.invoicing.store.CustomerBalances;
import dev.billforge.invoicing.store.DocumentNumberSequence;
import dev.billforge.invoicing.store.InvoiceStore;
import dev.billforge.invoicing.store.PendingInvoiceItemStore;

/**
 * What other services' events do to invoices. Every method runs inside the transaction the consumer's
 * {@code Inbox} opened for the event (so none opens its own), and announces its change through the outbox in it.
 */
@ApplicationScoped
public class InvoiceBilling {

    private static final Logger LOG = Logger.getLogger(InvoiceBilling.class);

    private final InvoiceStore store;
    private final CreditNoteStore creditNotes;
    private final PendingInvoiceItemStore pending;
    private final CustomerBalances balances;
    private final DocumentNumberSequence numbers;
    private final Outbox outbox;
    private final Clock clock;
    private final InvoicingConfig config;

    public InvoiceBilling(InvoiceStore store, CreditNoteStore creditNotes, PendingInvoiceItemStore pending,
            CustomerBalances balances, DocumentNumberSequence numbers, Outbox outbox, Clock clock,
            InvoicingConfig config) {
        this.store = store;
        this.creditNotes = creditNotes;
        this.pending = pending;
        this.balances = balances;
        this.numbers = numbers;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Invoices a new subscription's first period. A trialing subscription owes nothing yet (its first paid period
     * comes with {@code subscription.renewed} when the trial ends).
     *
     * @return the finalized invoice, or null when nothing was invoiced
     */
    public Uni<Invoice> invoiceFirstPeriod(String tenantId, SubscriptionSnapshot subscription) {
        if (subscription.trialing()) {
            return Uni.createFrom().nullItem();
        }
        return invoicePeriod(tenantId, subscription, subscription.currentPeriodStart(),
                subscription.currentPeriodEnd());
    }

    /**
     * Invoices one period of a subscription in advance with one line for its plan, plus the proration lines waiting
     * for it (plan changes made with {@code create_prorations}), finalizes the invoice (the customer's credit applied,
     * the tenant's next number, due date, status {@code open}) and announces {@code invoice.finalized}. A period that
     * has its invoice already is not invoiced twice.
     *
     * @return the finalized invoice, or null when the period was invoiced before
     */
    public Uni<Invoice> invoicePeriod(String tenantId, SubscriptionSnapshot subscription, Instant periodStart,
            Instant periodEnd) {
        Instant start = micros(periodStart);
        Instant end = micros(periodEnd);
        // Checked before taking a number, so a repeated announcement uses none. Should two deliveries ever race,
        // the unique period constraint rolls the second back, number included.
        return store.existsForPeriod(tenantId, subscription.id(), start).flatMap(invoiced -> {
            if (invoiced) {
                LOG.infof("Subscription %s period from %s is invoiced already (tenant %s)", subscription.id(), start,
                        tenantId);
                return Uni.createFrom().nullItem();
            }
            Instant now = clock.instant();
            Invoice invoice = subscriptionDraft(tenantId, subscription, start, end, now);
            addPlanLine(invoice, subscription.plan(), start, end, now);
            return pending.pendingFor(tenantId, subscription.id())
                    .invoke(items -> items.forEach(item -> item.billOn(invoice, TimeOrderedIds.next(clock), now)))
                    .chain(() -> finalizeAndAnnounce(invoice, now));
        });
    }

    /**
     * Bills a plan change as its {@code proration_behavior} says: {@code always_invoice} invoices the proration
     * lines at once, {@code create_prorations} keeps them for the next renewal invoice, {@code none} bills nothing.
     * When the interval changed, the new period (from the change) is invoiced at once on the new plan, with the
     * proration credit. A negative total is never charged: it becomes the customer's credit.
     */
    public Uni<Void> billPlanChange(String tenantId, SubscriptionPlanChanged change) {
        SubscriptionSnapshot subscription = change.subscription();
        if (change.newPeriod()) {
            return invoiceNow(tenantId, change, subscription.currentPeriodStart(), subscription.currentPeriodEnd(),
                    true);
        }
        if (change.prorationLines().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (SubscriptionPlanChanged.ALWAYS_INVOICE.equals(change.prorationBehavior())) {
            return invoiceNow(tenantId, change, change.changedAt(), subscription.currentPeriodEnd(), false);
        }
        Instant now = clock.instant();
        String currency = subscription.plan().currency().toUpperCase(Locale.ROOT);
        return Multi.createFrom().iterable(change.prorationLines())
                .onItem().transformToUniAndConcatenate(line -> pending.persist(PendingInvoiceItem.proration(
                        TimeOrderedIds.next(clock), tenantId, subscription.customerId(), subscription.id(), currency,
                        line.description(), line.amount(), micros(line.periodStart()), micros(line.periodEnd()), now)))
                .collect().last().replaceWithVoid();
    }

    /** Invoices a plan change's proration lines (and, for a new interval, its new period) at once. */
    private Uni<Void> invoiceNow(String tenantId, SubscriptionPlanChanged change, Instant periodStart,
            Instant periodEnd, boolean withNewPeriod) {
        SubscriptionSnapshot subscription = change.subscription();
        Instant start = micros(periodStart);
        Instant end = micros(periodEnd);
        return store.existsForPeriod(tenantId, subscription.id(), start).flatMap(invoiced -> {
            if (invoiced) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            Invoice invoice = subscriptionDraft(tenantId, subscription, start, end, now);
            change.prorationLines().forEach(line -> invoice.addLine(TimeOrderedIds.next(clock),
                    new InvoiceItem.LineDetails(line.description(), 1, line.amount(), micros(line.periodStart()),
                            micros(line.periodEnd()), true), now));
            if (withNewPeriod) {
                addPlanLine(invoice, subscription.plan(), start, end, now);
            }
            return finalizeAndAnnounce(invoice, now).replaceWithVoid();
        });
    }

    private Invoice subscriptionDraft(String tenantId, SubscriptionSnapshot subscription, Instant start, Instant end,
            Instant now) {
        return Invoice.draft(TimeOrderedIds.next(clock), tenantId, subscription.customerId(), subscription.id(),
                subscription.plan().currency().toUpperCase(Locale.ROOT), start, end, now);
    }

    private void addPlanLine(Invoice invoice, PlanSnapshot plan, Instant start, Instant end, Instant now) {
        invoice.addLine(TimeOrderedIds.next(clock), new InvoiceItem.LineDetails(
                InvoiceItem.describePeriod(plan.name(), start, end), 1, plan.amount(), start, end, false), now);
    }

    /** Numbers the invoice, applies (and updates) the customer's balance, and announces it. */
    private Uni<Invoice> finalizeAndAnnounce(Invoice invoice, Instant now) {
        LocalDate due = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(config.daysUntilDue());
        return balances.lock(invoice.tenantId(), invoice.customerId(), invoice.currency())
                .flatMap(balance -> numbers.nextInvoiceNumber(invoice.tenantId())
                        .invoke(number -> invoice.finalizeAs(number, due, balance, now)))
                .call(() -> balances.save(invoice.tenantId(), invoice.customerId(), invoice.currency(),
                        invoice.endingBalance()))
                .flatMap(number -> store.persist(invoice))
                .call(finalized -> outbox.publish(EventCatalog.INVOICE_FINALIZED, finalized.tenantId(),
                        finalized.id(), InvoiceEvents.finalized(finalized)))
                .call(finalized -> finalized.status() != InvoiceStatus.PAID ? Uni.createFrom().voidItem()
                        : outbox.publish(EventCatalog.INVOICE_PAID, finalized.tenantId(), finalized.id(),
                                InvoiceEvents.paid(finalized, null))); // paid without a payment: nothing was due
    }

    /**
     * A subscription canceled now (by request, not at its period end nor by dunning): its unpaid invoices are voided
     * ({@code invoice.voided} each), which ends their dunning in payment-service; a payment still in flight that
     * succeeds for one of them is refunded there.
     */
    public Uni<Void> subscriptionCanceled(String tenantId, SubscriptionCanceled canceled) {
        if (!canceled.requestedNow()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return store.lockUnpaidOfSubscription(tenantId, canceled.subscription().id())
                .chain(unpaid -> Multi.createFrom().iterable(unpaid)
                        .filter(invoice -> invoice.voidUnpaid(now))
                        .onItem().transformToUniAndConcatenate(invoice -> outbox.publish(EventCatalog.INVOICE_VOIDED,
                                tenantId, invoice.id(), InvoiceEvents.voided(invoice)))
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * Credits a captured payment to its invoice; when that settles it, the invoice is {@code paid} and
     * {@code invoice.paid} is announced. A payment for an invoice we do not know, or in another currency, is
     * logged and skipped: failing would only park the event on the dead-letter topic.
     *
     * @param capturedAt when the payment was captured (the event's time); null means now
     */
    public Uni<Void> recordPayment(String tenantId, PaymentSnapshot payment, Instant capturedAt) {
        return store.lockWithLines(tenantId, payment.invoiceId()).flatMap(invoice -> {
            if (!payable(invoice, tenantId, payment, "payment.succeeded")) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            boolean settled = invoice.applyPayment(payment.amount(), payment.attempt(),
                    capturedAt == null ? now : micros(capturedAt), now);
            if (!settled) {
                return Uni.createFrom().voidItem();
            }
            return outbox.publish(EventCatalog.INVOICE_PAID, tenantId, invoice.id(),
                    InvoiceEvents.paid(invoice, payment.id())).replaceWithVoid();
        });
    }

    /**
     * Records a failed payment attempt on its invoice, which stays open: the error and the next attempt (null when
     * none is planned) show on the invoice.
     */
    public Uni<Void> recordFailedPayment(String tenantId, PaymentSnapshot payment, Instant nextRetryAt) {
        return store.lockWithLines(tenantId, payment.invoiceId()).invoke(invoice -> {
            if (payable(invoice, tenantId, payment, "payment.failed")) {
                invoice.recordFailedPayment(payment.attempt(),
                        new PaymentError(payment.failureCode(), payment.failureMessage()), micros(nextRetryAt),
                        clock.instant());
            }
        }).replaceWithVoid();
    }

    /**
     * Dunning gave up on the invoice: it becomes {@code uncollectible} and {@code invoice.marked_uncollectible} is
     * announced. An invoice that was paid (or marked) meanwhile is left as it is.
     */
    public Uni<Void> markUncollectible(String tenantId, DunningExhausted exhausted) {
        return store.lockWithLines(tenantId, exhausted.invoiceId()).flatMap(invoice -> {
            if (invoice == null) {
                LOG.warnf("dunning.exhausted: invoice %s of tenant %s is unknown; ignored", exhausted.invoiceId(),
                        tenantId);
                return Uni.createFrom().voidItem();
            }
            if (!invoice.markUncollectible(clock.instant())) {
                return Uni.createFrom().voidItem();
            }
            return outbox.publish(EventCatalog.INVOICE_MARKED_UNCOLLECTIBLE, tenantId, invoice.id(),
                    InvoiceEvents.markedUncollectible(invoice)).replaceWithVoid();
        });
    }

    /**
     * Issues the credit note for a refund of one of the invoice's payments, numbered in the tenant's credit note
     * sequence, and announces {@code credit_note.issued}. A refund that has its credit note already (the event
     * delivered again) issues nothing, and takes no number.
     */
    public Uni<Void> creditRefund(String tenantId, PaymentSnapshot payment, RefundSnapshot refund) {
        return store.lockWithLines(tenantId, refund.invoiceId()).flatMap(invoice -> {
            if (!payable(invoice, tenantId, payment, "payment.refunded")) {
                return Uni.createFrom().voidItem();
            }
            if (refund.amount() > invoice.refundable()) {
                // The refunded payment never counted towards this invoice (a second charge of an invoice already
                // paid): there is nothing of the invoice to credit. Logged, not failed: retrying cannot change it.
                LOG.warnf("payment.refunded: refund %s of %d exceeds what invoice %s has left to credit (%d); no credit"
                        + " note", refund.id(), refund.amount(), invoice.id(), invoice.refundable());
                return Uni.createFrom().voidItem();
            }
            return creditNotes.existsForRefund(tenantId, refund.id()).flatMap(issued -> issued
                    ? Uni.createFrom().voidItem()
                    : numbers.nextCreditNoteNumber(tenantId).flatMap(number -> {
                        CreditNote note = CreditNote.forRefund(TimeOrderedIds.next(clock), number, invoice,
                                refund.paymentId(), refund.id(), refund.amount(), refund.reason(), clock.instant());
                        return creditNotes.persist(note)
                                .chain(() -> outbox.publish(EventCatalog.CREDIT_NOTE_ISSUED, tenantId, note.id(),
                                        InvoiceEvents.creditNoteIssued(note, invoice)))
                                .replaceWithVoid();
                    }));
        });
    }

    private static boolean payable(Invoice invoice, String tenantId, PaymentSnapshot payment, String event) {
        if (invoice == null) {
            LOG.warnf("%s: payment %s is for invoice %s, which tenant %s does not have; ignored", event, payment.id(),
                    payment.invoiceId(), tenantId);
            return false;
        }
        if (!invoice.currency().equalsIgnoreCase(payment.currency())) {
            LOG.warnf("%s: payment %s is in %s but invoice %s is in %s; ignored", event, payment.id(),
                    payment.currency(), invoice.id(), invoice.currency());
            return false;
        }
        return true;
    }

    /** Postgres keeps microseconds; truncating first makes what we compare and announce equal what we store. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
