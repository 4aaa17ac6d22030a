package dev.billforge.payment.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.carddata.CardDataNotAccepted;
import dev.billforge.chassis.carddata.CardNumbers;
import dev.billforge.chassis.directory.CustomerDirectory;
import dev.billforge.chassis.paging.Page;
import dev.billforge.chassis.paging.PageRequest;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.NewPaymentMethod;
import dev.billforge.payment.domain.PaymentMethod;
import dev.billforge.payment.domain.VerifiedPaymentMethod;
import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.PaymentProviders;
import dev.billforge.payment.provider.ProviderException;
import dev.billforge.payment.store.PaymentMethodStore;

/**
 * Payment method use cases. A customer has at most one default method (the one invoices are charged to): the
 * first method attached becomes it, and changes to it are serialized per customer. A new default brings the
 * customer's invoices in dunning forward: they are retried with it at once.
 */
@ApplicationScoped
public class PaymentMethodService {

    private final PaymentMethodStore store;
    private final CustomerDirectory customers;
    private final PaymentProviders providers;
    private final ProviderAccountService accounts;
    private final ProviderCustomers providerCustomers;
    private final DunningLedger dunning;
    private final BusinessClock clock;

    public PaymentMethodService(PaymentMethodStore store, CustomerDirectory customers, PaymentProviders providers,
            ProviderAccountService accounts, ProviderCustomers providerCustomers, DunningLedger dunning,
            BusinessClock clock) {
        this.store = store;
        this.customers = customers;
        this.providers = providers;
        this.accounts = accounts;
        this.providerCustomers = providerCustomers;
        this.dunning = dunning;
        this.clock = clock;
    }

    /**
     * Everything to do before {@link #attach} that needs no transaction: no card number, a provider the tenant has
     * configured, a live customer (waiting briefly for a just-created one), the provider's customer (created on
     * first need) and the token attached to it at the provider, which also proves the provider knows it.
     */
    public Uni<VerifiedPaymentMethod> verify(String tenantId, NewPaymentMethod details) {
        if (CardNumbers.containsCardNumber(details.token())) {
            // The detail never repeats the token: it is card data, and problem responses may be logged by clients.
            return Uni.createFrom().failure(ApiException.invalidField("token", ErrorCode.CARD_DATA_NOT_ACCEPTED,
                    CardDataNotAccepted.MESSAGE));
        }
        PaymentProvider provider = providers.find(details.provider()).orElse(null);
        if (provider == null) {
            return Uni.createFrom().failure(providers.notAvailable(details.provider()));
        }
        return customers.require(tenantId, details.customerId()).chain(customer -> accounts
                .credentials(tenantId, details.provider())
                .chain(credentials -> providerCustomers.ensure(customer, provider, credentials)
                        .chain(providerCustomer -> provider.attach(credentials, providerCustomer, details.token())
                                .onItem().ifNull().failWith(() -> ApiException.of(ErrorCode.INVALID_PAYMENT_TOKEN,
                                        "'token' is not a payment token known to " + details.provider() + "."))
                                .map(card -> new VerifiedPaymentMethod(details, card, providerCustomer)))))
                .onFailure(ProviderException.class).transform(failure -> asProblem((ProviderException) failure));
    }

    /** What the client is told when the provider did not let the method be attached. */
    private static ApiException asProblem(ProviderException failure) {
        return switch (failure.kind()) {
            case UNAVAILABLE -> ApiException.of(ErrorCode.PROVIDER_UNAVAILABLE,
                    "The payment provider could not be reached or did not answer; try again.");
            case CREDENTIALS_REFUSED -> ApiException.of(ErrorCode.PROVIDER_CREDENTIALS_REFUSED,
                    "The payment provider refused this"
                    + " tenant's credentials; PUT new ones to /v1/provider-accounts.");
            case REFUSED -> ApiException.of(ErrorCode.PAYMENT_METHOD_REFUSED, "The payment provider refused the"
                    + " payment method (" + failure.code() + "): " + failure.getMessage());
        };
    }

    @WithTransaction
    public Uni<PaymentMethod> attach(String tenantId, VerifiedPaymentMethod verified) {
        UUID customerId = verified.details().customerId();
        return store.lockCustomer(tenantId, customerId)
                .chain(() -> store.findDefault(tenantId, customerId))
                .chain(existingDefault -> store.persist(PaymentMethod.attach(TimeOrderedIds.next(), tenantId,
                        verified, existingDefault == null, clock.now(tenantId))))
                .call(method -> method.isDefault() ? dunning.paymentMethodChanged(tenantId, customerId)
                        : Uni.createFrom().voidItem());
    }

    @WithSession
    public Uni<PaymentMethod> get(String tenantId, UUID id) {
        return live(tenantId, id);
    }

    @WithSession
    public Uni<Page<PaymentMethod>> list(String tenantId, UUID customerId, PageRequest page) {
        return page.cursor(id -> store.findAny(tenantId, id), "payment method")
                .flatMap(after -> store.page(tenantId, customerId, after, page.fetchSize()))
                .map(rows -> Page.fromOverfetch(rows, page));
    }

    /** Detaches the method; when it was the default, the customer has no default until one is set. */
    @WithTransaction
    public Uni<PaymentMethod> detach(String tenantId, UUID id) {
        return lockedLive(tenantId, id).invoke(method -> method.detach(clock.now(tenantId)));
    }

    @WithTransaction
    public Uni<PaymentMethod> makeDefault(String tenantId, UUID id) {
        return lockedLive(tenantId, id).call(method -> {
            if (method.isDefault()) {
                return Uni.createFrom().voidItem();
            }
            // The old default is unset (and flushed) before the new one is set: the one-default index holds at every
            // statement, not only at commit.
            return store.clearDefault(tenantId, method.customerId()).invoke(method::makeDefault)
                    .chain(() -> dunning.paymentMethodChanged(tenantId, method.customerId()));
        });
    }

    /** The live method, read under its customer's lock so a concurrent change is seen, not overwritten. */
    private Uni<PaymentMethod> lockedLive(String tenantId, UUID id) {
        return store.findCustomerOfLive(tenantId, id)
                .onItem().ifNull().failWith(() -> ResourceIds.notFound(ErrorCode.PAYMENT_METHOD_NOT_FOUND,
                        "payment method", id))
                .chain(customerId -> store.lockCustomer(tenantId, customerId))
                .chain(() -> live(tenantId, id));
    }

    private Uni<PaymentMethod> live(String tenantId, UUID id) {
        return store.findLive(tenantId, id).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.PAYMENT_METHOD_NOT_FOUND, "payment method", id));
    }
}
