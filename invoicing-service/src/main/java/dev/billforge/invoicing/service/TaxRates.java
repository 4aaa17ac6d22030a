package dev.billforge.invoicing.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.events.customer.PostalAddress;
import dev.billforge.invoicing.domain.AppliedTaxRate;
import dev.billforge.invoicing.domain.TaxRate;
import dev.billforge.invoicing.store.TaxRateStore;

/**
 * The tenants' tax rates, and which one taxes a customer's invoice: the newest for the customer's tax country (else
 * their billing address's country) and, when the address is in that country, its state; else the newest for the whole
 * country. A customer in a country the tenant has no rate for is not taxed.
 */
@ApplicationScoped
public class TaxRates {

    private static final Logger LOG = Logger.getLogger(TaxRates.class);

    private final TaxRateStore store;
    private final CustomerDirectory customers;
    private final BusinessClock clock;
    private final Clock wallClock;

    public TaxRates(TaxRateStore store, CustomerDirectory customers, BusinessClock clock, Clock wallClock) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
        this.wallClock = wallClock;
    }

    /** How long after its creation a customer's announcement may still be on its way to invoicing. */
    static final Duration CUSTOMER_CATCH_UP = Duration.ofMinutes(10);

    private Uni<AppliedTaxRate> unknownCustomer(String tenantId, UUID customerId) {
        Instant minted = TimeOrderedIds.mintedAt(customerId).orElse(Instant.EPOCH);
        if (minted.isAfter(wallClock.instant().minus(CUSTOMER_CATCH_UP))) {
            return Uni.createFrom().failure(new IllegalStateException("Customer " + customerId + " of tenant "
                    + tenantId + " is not known yet: their tax rate cannot be chosen (retried)"));
        }
        LOG.warnf("Customer %s of tenant %s was never announced to invoicing: invoiced untaxed", customerId, tenantId);
        return Uni.createFrom().nullItem();
    }

    @WithTransaction
    public Uni<TaxRate> create(String tenantId, String displayName, String country, String region,
            BigDecimal percentage, boolean inclusive) {
        return store.persist(TaxRate.of(TimeOrderedIds.next(), tenantId, displayName, country,
                region == null ? null : region.toUpperCase(Locale.ROOT), percentage, inclusive, clock.now(tenantId)));
    }

    @WithSession
    public Uni<TaxRate> get(String tenantId, UUID id) {
        return store.findForTenant(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.TAX_RATE_NOT_FOUND, "tax rate", id));
    }

    @WithSession
    public Uni<Page<TaxRate>> list(String tenantId, String country, PageRequest page) {
        return page.cursor(id -> store.findForTenant(tenantId, id), "tax rate")
                .flatMap(after -> store.page(tenantId, country, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    /**
     * The rate a new invoice of the customer is taxed at, or null (the item) when none applies. Inside the caller's
     * session. A tenant with rates needs to know the customer (a deleted one too: their subscriptions' last invoices).
     * One created within the last {@link #CUSTOMER_CATCH_UP} may still be on its way ({@code customer.created} travels
     * on its own topic): this fails, and the event that wanted the invoice is retried. One invoicing never heard of
     * otherwise (its events older than the topics keep) is invoiced untaxed, with a warning: losing the invoice would
     * be worse.
     */
    public Uni<AppliedTaxRate> forCustomer(String tenantId, UUID customerId) {
        return store.tenantHasAny(tenantId).chain(taxes -> !taxes ? Uni.createFrom().nullItem()
                : customers.findEvenIfDeleted(tenantId, customerId).chain(customer -> {
                    if (customer == null) {
                        return unknownCustomer(tenantId, customerId);
                    }
                    String country = customer.taxCountryOrAddressCountry();
                    if (country == null) {
                        return Uni.createFrom().nullItem();
                    }
                    PostalAddress address = customer.address();
                    String region = address != null && country.equals(address.country()) && address.state() != null
                            ? address.state().toUpperCase(Locale.ROOT) : null;
                    return store.newestFor(tenantId, country, region)
                            .map(rate -> rate == null ? null : AppliedTaxRate.of(rate));
                }));
    }
}
