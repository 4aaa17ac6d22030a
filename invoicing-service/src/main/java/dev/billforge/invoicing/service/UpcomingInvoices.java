package dev.billforge.invoicing.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.invoicing.domain.Invoice;
import dev.billforge.invoicing.domain.InvoiceItem;
import dev.billforge.invoicing.domain.KnownSubscription;
import dev.billforge.invoicing.store.CustomerBalances;
import dev.billforge.invoicing.store.KnownSubscriptions;
import dev.billforge.invoicing.store.PendingInvoiceItemStore;

/**
 * The next renewal invoice of a subscription, as it would be issued if nothing changed before: the plan's line for the
 * next period, the proration lines waiting for it, the customer's tax rate and credit. Built the way
 * {@link SubscriptionInvoicing} builds the real one, read-only: nothing is stored, locked or numbered.
 */
@ApplicationScoped
public class UpcomingInvoices {

    private final KnownSubscriptions subscriptions;
    private final PendingInvoiceItemStore pending;
    private final CustomerBalances balances;
    private final TaxRates taxRates;
    private final BusinessClock clock;

    public UpcomingInvoices(KnownSubscriptions subscriptions, PendingInvoiceItemStore pending,
            CustomerBalances balances, TaxRates taxRates, BusinessClock clock) {
        this.subscriptions = subscriptions;
        this.pending = pending;
        this.balances = balances;
        this.taxRates = taxRates;
        this.clock = clock;
    }

    /**
     * @throws ApiException 404 {@code subscription_not_found}; 409 {@code no_upcoming_invoice} when it will not renew
     */
    @WithSession
    public Uni<Invoice> preview(String tenantId, UUID subscriptionId) {
        return subscriptions.find(tenantId, subscriptionId).chain(subscription -> {
            if (subscription == null) {
                return Uni.createFrom().failure(
                        ResourceIds.notFound(ErrorCode.SUBSCRIPTION_NOT_FOUND, "subscription", subscriptionId));
            }
            if (!subscription.renews()) {
                return Uni.createFrom().failure(ApiException.of(ErrorCode.NO_UPCOMING_INVOICE, "Subscription "
                        + subscriptionId + " is " + subscription.status()
                        + (subscription.cancelAtPeriodEnd() ? ", ending at its period end" : "")
                        + ": it will not be invoiced again."));
            }
            return build(tenantId, subscription);
        });
    }

    private Uni<Invoice> build(String tenantId, KnownSubscription subscription) {
        Instant now = clock.now(tenantId);
        Instant start = subscription.currentPeriodEnd();
        Instant end = subscription.nextPeriodEnd();
        Invoice upcoming = Invoice.upcoming(tenantId, subscription.customerId(), subscription.id(),
                subscription.currency(), start, end, now);
        return taxRates.forCustomer(tenantId, subscription.customerId())
                .onFailure(IllegalStateException.class).transform(unknown -> ApiException.of(
                        ErrorCode.CUSTOMER_NOT_FOUND, "The subscription's customer is not known to invoicing yet;"
                                + " ask again in a moment."))
                .invoke(upcoming::taxAt)
                .invoke(() -> upcoming.addLine(null, new InvoiceItem.LineDetails(
                        InvoiceItem.describePeriod(subscription.planName(), start, end), 1,
                        subscription.planAmount(), start, end, false), now))
                .chain(() -> pending.pendingForPreview(tenantId, subscription.id()))
                .invoke(items -> items.forEach(item -> upcoming.addLine(null, item.line(), now)))
                .chain(() -> balances.current(tenantId, subscription.customerId(), subscription.currency()))
                .invoke(upcoming::previewBalance)
                .replaceWith(upcoming);
    }
}
