package dev.billforge.invoicing.service;

import static dev.billforge.chassis.persistence.StoredInstants.micros;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceItem;
import dev.billforge.invoicing.domain.PendingInvoiceItem;
import dev.billforge.invoicing.store.CanceledSubscriptions;
import dev.billforge.invoicing.store.InvoiceStore;
import dev.billforge.invoicing.store.KnownSubscriptions;
import dev.billforge.invoicing.store.PendingInvoiceItemStore;

/**
 * What subscription-service's events do to invoices: each period a subscription enters (created, renewed, resumed, a
 * new interval) is invoiced in advance, plan changes are billed as their proration behaviour says, and a
 * subscription canceled now has its unpaid invoices voided. Runs inside the consumer's inbox transaction.
 * <p>
 * Those events travel on different topics, so one may be consumed after a later one: a period event of a
 * subscription canceled now invoices nothing (its invoice would be voided at once), and proration lines waiting for a
 * next invoice are billed on a final one when the subscription ends.
 */
@ApplicationScoped
public class SubscriptionInvoicing {

    private static final Logger LOG = Logger.getLogger(SubscriptionInvoicing.class);

    private final InvoiceStore store;
    private final PendingInvoiceItemStore pending;
    private final CanceledSubscriptions canceled;
    private final InvoiceIssuer issuer;
    private final TaxRates taxRates;
    private final KnownSubscriptions known;
    private final BusinessClock clock;

    public SubscriptionInvoicing(InvoiceStore store, PendingInvoiceItemStore pending, CanceledSubscriptions canceled,
            InvoiceIssuer issuer, TaxRates taxRates, KnownSubscriptions known, BusinessClock clock) {
        this.known = known;
        this.taxRates = taxRates;
        this.store = store;
        this.pending = pending;
        this.canceled = canceled;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * Keeps invoicing's copy of the subscription as the event of {@code eventTime} describes it (unless a newer event
     * did already), from which its next invoice is previewed ({@link UpcomingInvoices}).
     */
    public Uni<Void> remember(String tenantId, SubscriptionSnapshot subscription, Instant eventTime) {
        return known.remember(tenantId, subscription, eventTime);
    }

    /**
     * Invoices a new subscription's first period. A trialing subscription owes nothing yet (its first paid period
     * comes with {@code subscription.renewed} when the trial ends).
     *
     * @return the issued invoice, or null when nothing was invoiced
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
     * for it (plan changes made with {@code create_prorations}), and issues it (the customer's credit applied, the
     * tenant's next number, {@code invoice.finalized}). A period that has its invoice already is not invoiced twice.
     *
     * @return the issued invoice, or null when nothing was invoiced
     */
    @BillingOperation("create_invoice") // the first period comes through here too: one invoice, one count
    public Uni<Invoice> invoicePeriod(String tenantId, SubscriptionSnapshot subscription, Instant periodStart,
            Instant periodEnd) {
        return invoice(tenantId, subscription, micros(periodStart), micros(periodEnd), List.of(), true);
    }

    /**
     * Bills a plan change as its {@code proration_behavior} says: {@code always_invoice} invoices the proration
     * lines at once, {@code create_prorations} keeps them for the next renewal invoice, {@code none} bills nothing.
     * When the interval changed, the new period (from the change) is invoiced at once on the new plan, with the
     * proration credit. A negative total is never charged: it becomes the customer's credit.
     */
    public Uni<Void> billPlanChange(String tenantId, SubscriptionPlanChanged change) {
        SubscriptionSnapshot subscription = change.subscription();
        List<InvoiceItem.LineDetails> lines = change.prorationLines().stream()
                .map(line -> new InvoiceItem.LineDetails(line.description(), 1, line.amount(),
                        micros(line.periodStart()), micros(line.periodEnd()), true))
                .toList();
        if (change.newPeriod()) {
            return invoice(tenantId, subscription, micros(subscription.currentPeriodStart()),
                    micros(subscription.currentPeriodEnd()), lines, true).replaceWithVoid();
        }
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (SubscriptionPlanChanged.ALWAYS_INVOICE.equals(change.prorationBehavior())) {
            return invoice(tenantId, subscription, micros(change.changedAt()),
                    micros(subscription.currentPeriodEnd()), lines, false).replaceWithVoid();
        }
        Instant now = clock.now(tenantId);
        String currency = currency(subscription);
        return Multi.createFrom().iterable(lines)
                .onItem().transformToUniAndConcatenate(line -> pending.persist(PendingInvoiceItem.proration(
                        TimeOrderedIds.next(), tenantId, subscription.customerId(), subscription.id(), currency,
                        line.description(), line.unitAmount(), line.periodStart(), line.periodEnd(), now)))
                .collect().last().replaceWithVoid();
    }

    /**
     * A subscription ended. Canceled now (by request): it is recorded, so that its late period events invoice
     * nothing, and its unpaid invoices are voided (payment-service then stops dunning them and refunds a payment still
     * in flight); the credit they used goes back to the customer. Whatever the reason, proration lines still waiting
     * for a next invoice are billed on a final one, so no upgrade charge or downgrade credit is lost.
     */
    public Uni<Void> subscriptionEnded(String tenantId, SubscriptionCanceled ended) {
        SubscriptionSnapshot subscription = ended.subscription();
        Instant now = clock.now(tenantId);
        Uni<Void> voided = !ended.requestedNow() ? Uni.createFrom().voidItem()
                : canceled.record(tenantId, subscription.id(), subscription.canceledAt() != null
                        ? subscription.canceledAt() : now)
                        .chain(() -> store.lockUnpaidOfSubscription(tenantId, subscription.id()))
                        .chain(unpaid -> Multi.createFrom().iterable(unpaid)
                                .onItem().transformToUniAndConcatenate(invoice -> issuer.voidUnpaid(invoice, now))
                                .collect().last())
                        .replaceWithVoid();
        return voided.chain(() -> pending.pendingFor(tenantId, subscription.id())).chain(items -> {
            if (items.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant start = items.stream().map(PendingInvoiceItem::periodStart).min(Comparator.naturalOrder()).get();
            Instant end = items.stream().map(PendingInvoiceItem::periodEnd).max(Comparator.naturalOrder()).get();
            return draft(tenantId, subscription, start, end, now)
                    .chain(invoice -> billPending(invoice, items, now)).replaceWithVoid();
        });
    }

    /**
     * Drafts, fills and issues a subscription invoice for {@code [start, end)}: the given proration lines, the
     * pending ones, and (with {@code planLine}) the plan's price for the period. Nothing when the period has its
     * invoice already, or when the subscription was canceled now.
     */
    private Uni<Invoice> invoice(String tenantId, SubscriptionSnapshot subscription, Instant start, Instant end,
            List<InvoiceItem.LineDetails> prorations, boolean planLine) {
        // Checked before taking a number, so a repeated announcement uses none. Should two deliveries ever race,
        // the unique period constraint rolls the second back, number included.
        return store.existsForPeriod(tenantId, subscription.id(), start)
                .chain(invoiced -> invoiced ? Uni.createFrom().item(true)
                        : canceled.isCanceled(tenantId, subscription.id()))
                .chain(skip -> {
                    if (skip) {
                        LOG.infof("Subscription %s period from %s is invoiced already or was canceled (tenant %s)",
                                subscription.id(), start, tenantId);
                        return Uni.createFrom().nullItem();
                    }
                    Instant now = clock.now(tenantId);
                    return draft(tenantId, subscription, start, end, now).chain(invoice -> {
                        prorations.forEach(line -> invoice.addLine(TimeOrderedIds.next(), line, now));
                        if (planLine) {
                            PlanSnapshot plan = subscription.plan();
                            invoice.addLine(TimeOrderedIds.next(), new InvoiceItem.LineDetails(
                                    InvoiceItem.describePeriod(plan.name(), start, end), 1, plan.amount(), start, end,
                                    false), now);
                        }
                        return pending.pendingFor(tenantId, subscription.id())
                                .chain(items -> billPending(invoice, items, now));
                    });
                });
    }

    /** Adds the pending items to the draft, issues it, and marks them billed by it (once it is persisted). */
    private Uni<Invoice> billPending(Invoice invoice, List<PendingInvoiceItem> items, Instant now) {
        items.forEach(item -> invoice.addLine(TimeOrderedIds.next(), item.line(), now));
        return issuer.issue(invoice, now).invoke(issued -> items.forEach(item -> item.billedOn(issued)));
    }

    /** A new draft for the period, taxed at the customer's rate (see {@link TaxRates}). */
    private Uni<Invoice> draft(String tenantId, SubscriptionSnapshot subscription, Instant start, Instant end,
            Instant now) {
        Invoice draft = Invoice.draft(TimeOrderedIds.next(), tenantId, subscription.customerId(), subscription.id(),
                currency(subscription), start, end, now);
        return taxRates.forCustomer(tenantId, subscription.customerId()).invoke(draft::taxAt).replaceWith(draft);
    }

    private static String currency(SubscriptionSnapshot subscription) {
        return subscription.plan().currency().toUpperCase(Locale.ROOT);
    }
}
