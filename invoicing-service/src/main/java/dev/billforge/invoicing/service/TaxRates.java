package dev.billforge.invoicing.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.directory.KnownCustomer;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.errors.ErrorCode;
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
        KnownCustomer.Key key = new KnownCustomer.Key(tenantId, customerId);
        return forCustomers(List.of(key)).map(rates -> rates.get(key));
    }

    /**
     * {@link #forCustomer} for many customers at once: which tenants tax at all and the customers are read with one
     * query each, the rates once per tenant, country and region. Customers taxed by no rate are missing from the map.
     */
    public Uni<Map<KnownCustomer.Key, AppliedTaxRate>> forCustomers(Collection<KnownCustomer.Key> keys) {
        Set<String> tenants = new HashSet<>();
        keys.forEach(key -> tenants.add(key.tenantId()));
        return store.tenantsWithAny(tenants).chain(taxing -> {
            List<KnownCustomer.Key> taxed = keys.stream().filter(key -> taxing.contains(key.tenantId())).distinct()
                    .toList();
            return customers.findAllEvenIfDeleted(taxed).chain(known -> {
                Map<KnownCustomer.Key, AppliedTaxRate> rates = new HashMap<>();
                Map<String, Uni<TaxRate>> newest = new HashMap<>(); // one query per tenant, country and region
                return Multi.createFrom().iterable(taxed).onItem().transformToUniAndConcatenate(key -> {
                    KnownCustomer customer = known.get(CustomerDirectory.key(key.tenantId(), key.customerId()));
                    if (customer == null) {
                        return unknownCustomer(key.tenantId(), key.customerId()).replaceWithVoid();
                    }
                    String country = customer.taxCountryOrAddressCountry();
                    if (country == null) {
                        return Uni.createFrom().voidItem();
                    }
                    PostalAddress address = customer.address();
                    String region = address != null && country.equals(address.country()) && address.state() != null
                            ? address.state().toUpperCase(Locale.ROOT) : null;
                    return newest.computeIfAbsent(key.tenantId() + '\n' + country + '\n' + region,
                            ignored -> store.newestFor(key.tenantId(), country, region).memoize().indefinitely())
                            .invoke(rate -> {
                                if (rate != null) {
                                    rates.put(key, AppliedTaxRate.of(rate));
                                }
                            }).replaceWithVoid();
                }).collect().last().replaceWith(rates);
            });
        });
    }
}
