package dev.billforge.invoicing.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.directory.KnownCustomer;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.balance.CustomerBalanceChanged;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceSettings;
import dev.billforge.invoicing.domain.InvoiceStatus;
import dev.billforge.invoicing.messaging.InvoiceEvents;
import dev.billforge.invoicing.store.CustomerBalances;
import dev.billforge.invoicing.store.DocumentNumberSequence;
import dev.billforge.invoicing.store.InvoiceStore;

/**
 * Issues and voids invoices, keeping the customer's balance right: a finalized invoice uses the customer's credit (and
 * a negative total adds to it), a voided one gives back what it used. Runs inside the caller's transaction, which
 * also takes the tenant's next invoice number (gapless) and holds the customer's balance row locked.
 */
@ApplicationScoped
public class InvoiceIssuer {

    private final InvoiceStore store;
    private final CustomerBalances balances;
    private final DocumentNumberSequence numbers;
    private final Outbox outbox;
    private final InvoicingConfig config;
    private final RevenueRecognition revenue;
    private final InvoiceSettingsService settings;
    private final CustomerDirectory customers;

    public InvoiceIssuer(InvoiceStore store, CustomerBalances balances, DocumentNumberSequence numbers, Outbox outbox,
            InvoicingConfig config, RevenueRecognition revenue, InvoiceSettingsService settings,
            CustomerDirectory customers) {
        this.settings = settings;
        this.customers = customers;
        this.store = store;
        this.balances = balances;
        this.numbers = numbers;
        this.outbox = outbox;
        this.config = config;
        this.revenue = revenue;
    }

    /**
     * Finalizes a draft: the seller and customer it prints fixed, the customer's balance applied (and updated), the
     * tenant's next number, the due date (its {@code days_until_due} for {@code send_invoice}, the configured days
     * otherwise); then
     * persists it and announces {@code invoice.finalized}, and {@code invoice.paid} (with its revenue booked) when
     * nothing was due.
     */
    public Uni<Invoice> issue(Invoice draft, Instant now) {
        return issueAll(List.of(new Issuing(draft, now, Context.current()))).replaceWith(draft);
    }

    /**
     * A draft to finalize, at its tenant's {@code now}.
     *
     * @param journey the trace context its events are published in
     */
    public record Issuing(Invoice draft, Instant now, Context journey) {
    }

    /**
     * {@link #issue} for many drafts at once, with a fixed number of statements for the set: the tenants' settings
     * and the customers read once, every balance locked with one statement, each tenant's numbers taken as one range
     * (in the drafts' order, so numbers stay gapless and ordered), the invoices written when the session flushes and
     * their {@code invoice.finalized} events with one statement. Two drafts of one customer apply its credit one
     * after the other.
     */
    @BillingOperation("finalize_invoice") // once per set; issue() comes through here (ArC intercepts self-calls)
    public Uni<Void> issueAll(List<Issuing> drafts) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<Issuing>> byTenant = new TreeMap<>(); // tenants in order: their number rows lock in order
        List<CustomerBalances.BalanceKey> balanceKeys = new ArrayList<>();
        for (Issuing issuing : drafts) {
            Invoice draft = issuing.draft();
            byTenant.computeIfAbsent(draft.tenantId(), tenant -> new ArrayList<>()).add(issuing);
            balanceKeys.add(balanceKey(draft));
        }
        return printedAll(drafts).chain(() -> balances.lockAll(balanceKeys)).chain(locked -> {
            Map<CustomerBalances.BalanceKey, Long> running = new HashMap<>(locked);
            return Multi.createFrom().iterable(byTenant.values())
                    .onItem().transformToUniAndConcatenate(ofTenant -> numbers
                            .nextInvoiceNumbers(ofTenant.get(0).draft().tenantId(), ofTenant.size())
                            .invoke(taken -> {
                                for (int i = 0; i < ofTenant.size(); i++) {
                                    Issuing issuing = ofTenant.get(i);
                                    Invoice draft = issuing.draft();
                                    LocalDate due = draft.dueDateIfFinalizedOn(
                                            LocalDate.ofInstant(issuing.now(), ZoneOffset.UTC), config.daysUntilDue());
                                    draft.finalizeAs(taken.get(i), due, running.get(balanceKey(draft)),
                                            issuing.now());
                                    running.put(balanceKey(draft), draft.endingBalance());
                                }
                            }))
                    .collect().last()
                    .chain(() -> Multi.createFrom().iterable(drafts)
                            .onItem().transformToUniAndConcatenate(this::finalized)
                            .collect().last())
                    .chain(() -> outbox.publishAll(drafts.stream().<Outbox.Publication<?>> map(issuing ->
                            new Outbox.Publication<>(EventCatalog.INVOICE_FINALIZED, issuing.draft().tenantId(),
                                    issuing.draft().id(), InvoiceEvents.finalized(issuing.draft()),
                                    issuing.journey())).toList()))
                    .chain(() -> Multi.createFrom().iterable(drafts)
                            .filter(issuing -> issuing.draft().status() == InvoiceStatus.PAID)
                            .onItem().transformToUniAndConcatenate(this::paidAtOnce)
                            .collect().last());
        }).replaceWithVoid();
    }

    /**
     * A finalized draft persisted and the customer's balance moved from what it was before this invoice, in its
     * journey; {@code invoice.finalized} follows for the whole set.
     */
    private Uni<Void> finalized(Issuing issuing) {
        Invoice finalized = issuing.draft();
        try (Scope inItsJourney = issuing.journey().makeCurrent()) {
            return store.persist(finalized)
                    .call(() -> changeBalance(finalized, finalized.startingBalance(), finalized.endingBalance(),
                            CustomerBalanceChanged.INVOICE_FINALIZED, issuing.now()))
                    .replaceWithVoid();
        }
    }

    /** Nothing was due: paid at once, its revenue booked and {@code invoice.paid} announced after its finalization. */
    private Uni<Void> paidAtOnce(Issuing issuing) {
        Invoice paid = issuing.draft();
        try (Scope inItsJourney = issuing.journey().makeCurrent()) {
            return revenue.bookPaid(paid, issuing.now()).chain(() -> outbox.publish(EventCatalog.INVOICE_PAID,
                    paid.tenantId(), paid.id(), InvoiceEvents.paid(paid, null))).replaceWithVoid();
        }
    }

    private static CustomerBalances.BalanceKey balanceKey(Invoice invoice) {
        return new CustomerBalances.BalanceKey(invoice.tenantId(), invoice.customerId(), invoice.currency());
    }

    /**
     * Fixes on each draft its tenant's seller details and footer, and the customer as invoicing's directory knows
     * them (a customer it never heard of prints as its id alone): one read per tenant and one for the customers.
     */
    private Uni<Void> printedAll(List<Issuing> drafts) {
        Set<String> tenants = new TreeSet<>();
        List<KnownCustomer.Key> customerKeys = new ArrayList<>();
        drafts.forEach(issuing -> {
            tenants.add(issuing.draft().tenantId());
            customerKeys.add(new KnownCustomer.Key(issuing.draft().tenantId(), issuing.draft().customerId()));
        });
        Map<String, InvoiceSettings> sellers = new HashMap<>();
        return Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> settings.current(tenant)
                        .invoke(seller -> sellers.put(tenant, seller)))
                .collect().last()
                .chain(() -> customers.findAllEvenIfDeleted(customerKeys))
                .invoke(known -> drafts.forEach(issuing -> {
                    Invoice draft = issuing.draft();
                    InvoiceSettings seller = sellers.get(draft.tenantId());
                    KnownCustomer customer = known.get(CustomerDirectory.key(draft.tenantId(), draft.customerId()));
                    draft.printAs(seller.seller(), customer == null ? null : new InvoiceParty(customer.name,
                            customer.billingEmail, null, customer.address()), seller.footer());
                }))
                .replaceWithVoid();
    }

    /**
     * Voids an unpaid invoice ({@code invoice.voided}) and gives the customer back the credit it had used.
     *
     * @return false when the invoice was not unpaid (paid, void already): nothing changed
     */
    @BillingOperation("void_invoice")
    public Uni<Boolean> voidUnpaid(Invoice invoice, Instant now) {
        if (!invoice.voidUnpaid(now)) {
            return Uni.createFrom().item(false);
        }
        long used = invoice.endingBalance() - invoice.startingBalance(); // the credit this invoice consumed
        Uni<Void> restored = used == 0 ? Uni.createFrom().voidItem()
                : balances.lock(invoice.tenantId(), invoice.customerId(), invoice.currency())
                        .chain(balance -> changeBalance(invoice, balance, balance - used,
                                CustomerBalanceChanged.INVOICE_VOIDED, now));
        return restored.chain(() -> outbox.publish(EventCatalog.INVOICE_VOIDED, invoice.tenantId(), invoice.id(),
                InvoiceEvents.voided(invoice))).replaceWith(true);
    }

    /**
     * Sets the customer's balance (its row locked by the caller) from {@code before} to {@code after} and announces
     * the change ({@code customer_balance.changed}); nothing when it does not change.
     */
    private Uni<Void> changeBalance(Invoice invoice, long before, long after, String reason, Instant now) {
        if (before == after) {
            return Uni.createFrom().voidItem();
        }
        return balances.save(invoice.tenantId(), invoice.customerId(), invoice.currency(), after)
                .chain(version -> outbox.publish(EventCatalog.CUSTOMER_BALANCE_CHANGED, invoice.tenantId(),
                        invoice.customerId(), new CustomerBalanceChanged(invoice.customerId(), invoice.currency(),
                                after, after - before, version, reason, invoice.id(), now)))
                .replaceWithVoid();
    }
}
