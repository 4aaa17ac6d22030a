package dev.billforge.invoicing.service;

import static dev.billforge.chassis.persistence.StoredInstants.micros;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.KnownCustomer;
import dev.billforge.chassis.inbox.EventRoutes.Received;
import dev.billforge.chassis.telemetry.BillingOperations;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.events.subscription.PlanSnapshot;
import dev.billforge.events.subscription.SubscriptionCanceled;
import dev.billforge.events.subscription.SubscriptionPlanChanged;
import dev.billforge.events.subscription.SubscriptionRenewed;
import dev.billforge.events.subscription.SubscriptionSnapshot;
import dev.billforge.invoicing.domain.AppliedTaxRate;
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
    private final BillingOperations operations;

    public SubscriptionInvoicing(InvoiceStore store, PendingInvoiceItemStore pending, CanceledSubscriptions canceled,
            InvoiceIssuer issuer, TaxRates taxRates, KnownSubscriptions known, BusinessClock clock,
            BillingOperations operations) {
        this.operations = operations;
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
    public Uni<Invoice> invoicePeriod(String tenantId, SubscriptionSnapshot subscription, Instant periodStart,
            Instant periodEnd) {
        return invoice(tenantId, subscription, micros(periodStart), micros(periodEnd), List.of(), true);
    }

    /**
     * The periods a batch of {@code subscription.renewed} events enter, each invoiced as {@link #invoicePeriod}
     * does, all at once: invoicing's copies of the subscriptions kept with one statement, then {@link #invoiceAll}.
     */
    public Uni<Void> invoiceRenewals(List<Received<SubscriptionRenewed>> renewals) {
        List<KnownSubscriptions.Described> described = new ArrayList<>();
        List<InvoiceRequest> requests = new ArrayList<>();
        for (Received<SubscriptionRenewed> renewal : renewals) {
            String tenantId = renewal.event().tenantid();
            SubscriptionRenewed data = renewal.data();
            described.add(new KnownSubscriptions.Described(tenantId, data.subscription(), renewal.event().time()));
            requests.add(new InvoiceRequest(tenantId, data.subscription(), micros(data.periodStart()),
                    micros(data.periodEnd()), List.of(), true, renewal.journey()));
        }
        return known.rememberAll(described).chain(() -> invoiceAll(requests)).replaceWithVoid();
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
        InvoiceRequest request = new InvoiceRequest(tenantId, subscription, start, end, prorations, planLine,
                Context.current());
        return invoiceAll(List.of(request)).map(issued -> issued.get(0));
    }

    /**
     * A subscription invoice to make for {@code [start, end)}.
     *
     * @param prorations proration lines to bill on it
     * @param planLine whether it bills the plan's price for the period
     * @param journey the trace context its events are published in
     */
    record InvoiceRequest(String tenantId, SubscriptionSnapshot subscription, Instant start, Instant end,
            List<InvoiceItem.LineDetails> prorations, boolean planLine, Context journey) {

        String periodKey() {
            return InvoiceStore.periodKey(tenantId, subscription.id(), start);
        }
    }

    /**
     * Drafts, fills and issues the invoices of many requests with a fixed number of reads for the set (periods
     * invoiced already, subscriptions canceled now, tax rates, pending items), then {@link InvoiceIssuer#issueAll}.
     * A request whose period has its invoice already (or is asked twice), or whose subscription was canceled now,
     * makes none: its place in the answer is null.
     */
    Uni<List<Invoice>> invoiceAll(List<InvoiceRequest> requests) {
        // One create_invoice per set that made an invoice, like the bill run's renew per batch.
        return operations.track("create_invoice", invoiceAllUntimed(requests),
                invoices -> invoices.stream().anyMatch(invoice -> invoice != null));
    }

    private Uni<List<Invoice>> invoiceAllUntimed(List<InvoiceRequest> requests) {
        Set<UUID> subscriptionIds = new HashSet<>();
        requests.forEach(request -> subscriptionIds.add(request.subscription().id()));
        // Checked before taking numbers, so a repeated announcement uses none. Should two deliveries ever race,
        // the unique period constraint rolls the second back, numbers included.
        return store.periodsInvoiced(requests.stream().map(InvoiceRequest::tenantId).toList(),
                requests.stream().map(request -> request.subscription().id()).toList(),
                requests.stream().map(InvoiceRequest::start).toList())
                .chain(invoiced -> canceled.canceledAmong(subscriptionIds).map(canceledNow -> {
                    Set<String> taken = new HashSet<>(invoiced);
                    List<InvoiceRequest> toInvoice = new ArrayList<>();
                    for (InvoiceRequest request : requests) {
                        boolean ended = canceledNow.contains(request.tenantId() + '\n' + request.subscription().id());
                        if (ended || !taken.add(request.periodKey())) {
                            LOG.infof("Subscription %s period from %s is invoiced already or was canceled (tenant %s)",
                                    request.subscription().id(), request.start(), request.tenantId());
                        } else {
                            toInvoice.add(request);
                        }
                    }
                    return toInvoice;
                }))
                .chain(toInvoice -> drafts(toInvoice).chain(drafts -> pending
                        .pendingForAll(toInvoice.stream().map(request -> request.subscription().id()).toList())
                        .chain(items -> {
                            Map<String, List<PendingInvoiceItem>> pendingBySubscription = new HashMap<>();
                            items.forEach(item -> pendingBySubscription.computeIfAbsent(item.tenantId() + '\n'
                                    + item.subscriptionId(), key -> new ArrayList<>()).add(item));
                            List<InvoiceIssuer.Issuing> issuing = new ArrayList<>();
                            Map<Invoice, List<PendingInvoiceItem>> billedOn = new HashMap<>();
                            for (int i = 0; i < toInvoice.size(); i++) {
                                InvoiceRequest request = toInvoice.get(i);
                                Invoice invoice = drafts.get(i);
                                Instant now = clock.now(request.tenantId());
                                request.prorations().forEach(line -> invoice.addLine(TimeOrderedIds.next(), line, now));
                                if (request.planLine()) {
                                    PlanSnapshot plan = request.subscription().plan();
                                    invoice.addLine(TimeOrderedIds.next(), new InvoiceItem.LineDetails(
                                            InvoiceItem.describePeriod(plan.name(), request.start(), request.end()), 1,
                                            plan.amount(), request.start(), request.end(), false), now);
                                }
                                // A subscription asked for twice in one set bills its pending items on the first.
                                List<PendingInvoiceItem> its = pendingBySubscription.remove(request.tenantId() + '\n'
                                        + request.subscription().id());
                                if (its != null) {
                                    its.forEach(item -> invoice.addLine(TimeOrderedIds.next(), item.line(), now));
                                    billedOn.put(invoice, its);
                                }
                                issuing.add(new InvoiceIssuer.Issuing(invoice, now, request.journey()));
                            }
                            return issuer.issueAll(issuing).invoke(() -> billedOn
                                    .forEach((invoice, its) -> its.forEach(item -> item.billedOn(invoice))));
                        })
                        .map(ignored -> {
                            List<Invoice> answer = new ArrayList<>(requests.size());
                            int next = 0;
                            for (InvoiceRequest request : requests) {
                                boolean made = next < toInvoice.size() && toInvoice.get(next) == request;
                                answer.add(made ? drafts.get(next++) : null);
                            }
                            return answer;
                        })));
    }

    /** A new draft for each request's period, taxed at its customer's rate (see {@link TaxRates}). */
    private Uni<List<Invoice>> drafts(List<InvoiceRequest> requests) {
        List<KnownCustomer.Key> customers = requests.stream()
                .map(request -> new KnownCustomer.Key(request.tenantId(), request.subscription().customerId()))
                .toList();
        return taxRates.forCustomers(customers).map(rates -> {
            List<Invoice> drafts = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                InvoiceRequest request = requests.get(i);
                SubscriptionSnapshot subscription = request.subscription();
                Invoice draft = Invoice.draft(TimeOrderedIds.next(), request.tenantId(), subscription.customerId(),
                        subscription.id(), currency(subscription), request.start(), request.end(),
                        clock.now(request.tenantId()));
                AppliedTaxRate rate = rates.get(customers.get(i));
                if (rate != null) {
                    draft.taxAt(rate);
                }
                drafts.add(draft);
            }
            return drafts;
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
