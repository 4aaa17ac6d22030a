package dev.billforge.invoicing.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.telemetry.BillingOperation;
import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.balance.CustomerBalanceChanged;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.invoicing.domain.Invoice;
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
    @BillingOperation("finalize_invoice")
    public Uni<Invoice> issue(Invoice draft, Instant now) {
        LocalDate due = draft.dueDateIfFinalizedOn(LocalDate.ofInstant(now, ZoneOffset.UTC), config.daysUntilDue());
        return printed(draft).chain(() -> balances.lock(draft.tenantId(), draft.customerId(), draft.currency()))
                .call(balance -> numbers.nextInvoiceNumber(draft.tenantId())
                        .invoke(number -> draft.finalizeAs(number, due, balance, now)))
                .flatMap(balance -> store.persist(draft).call(finalized -> changeBalance(finalized, balance,
                        finalized.endingBalance(), CustomerBalanceChanged.INVOICE_FINALIZED, now)))
                .call(finalized -> outbox.publish(EventCatalog.INVOICE_FINALIZED, finalized.tenantId(),
                        finalized.id(), InvoiceEvents.finalized(finalized)))
                .call(finalized -> finalized.status() != InvoiceStatus.PAID ? Uni.createFrom().voidItem()
                        : revenue.bookPaid(finalized, now).chain(() -> outbox.publish(EventCatalog.INVOICE_PAID,
                                finalized.tenantId(), finalized.id(), InvoiceEvents.paid(finalized, null)))); // nothing was due
    }

    /**
     * Fixes on the draft the tenant's seller details and footer, and the customer as invoicing's directory knows them
     * (a customer it never heard of prints as its id alone).
     */
    private Uni<Void> printed(Invoice draft) {
        return settings.current(draft.tenantId())
                .chain(seller -> customers.findEvenIfDeleted(draft.tenantId(), draft.customerId())
                        .invoke(customer -> draft.printAs(seller.seller(), customer == null ? null
                                : new InvoiceParty(customer.name, customer.billingEmail, null, customer.address()),
                                seller.footer())))
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
