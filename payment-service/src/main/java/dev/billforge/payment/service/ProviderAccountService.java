package dev.billforge.payment.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.secrets.SealedSecret;
import dev.billforge.chassis.secrets.SecretCipher;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.ProviderAccount;
import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.PaymentProvider.CredentialsRequest;
import dev.billforge.payment.provider.PaymentProviders;
import dev.billforge.payment.provider.ProviderCredentials;
import dev.billforge.payment.store.ProviderAccountStore;

/**
 * Tenants' own provider credentials: stored sealed, opened only for a provider call or a webhook's signature check,
 * and never returned by the API. Which fields a provider's credentials have is the provider plugin's business
 * ({@link PaymentProvider#credentialsRequest()}); this service checks, seals and stores them.
 */
@ApplicationScoped
public class ProviderAccountService {

    /** A plain mapper: the credentials document is ours, not an API body, and holds no dates or money. */
    private static final ObjectMapper DOCUMENT = new ObjectMapper();

    private final ProviderAccountStore accounts;
    private final PaymentProviders providers;
    private final SecretCipher cipher;
    private final BusinessClock clock;
    private final ObjectMapper api;
    private final Validator validator;

    public ProviderAccountService(ProviderAccountStore accounts, PaymentProviders providers, SecretCipher cipher,
            BusinessClock clock, ObjectMapper api, Validator validator) {
        this.accounts = accounts;
        this.providers = providers;
        this.cipher = cipher;
        this.clock = clock;
        this.api = api;
        this.validator = validator;
    }

    /** Refuses to start without the keys that seal credentials (billforge.secrets.*). */
    void checkSecretsKeys(@Observes StartupEvent started) {
        cipher.requireConfigured();
    }

    /**
     * Stores (or replaces) the tenant's credentials for a provider, from the body of
     * {@code PUT /v1/provider-accounts/{provider}} in the provider's own format, checked like any request body.
     */
    public Uni<ProviderAccount> put(String tenantId, String providerName, JsonNode body) {
        return readCredentials(providerName, body)
                .chain(credentials -> Panache.withTransaction(() -> store(tenantId, credentials)));
    }

    /** The credentials in the body, or what is wrong with it (the chassis maps Jackson's and Bean Validation's errors). */
    private Uni<ProviderCredentials> readCredentials(String providerName, JsonNode body) {
        PaymentProvider provider = providers.find(providerName).orElse(null);
        if (provider == null) {
            return Uni.createFrom().failure(providers.notAvailable(providerName));
        }
        Class<? extends CredentialsRequest> format = provider.credentialsRequest();
        if (format == null) {
            return Uni.createFrom().failure(ApiException.of(ErrorCode.PROVIDER_NEEDS_NO_CREDENTIALS,
                    "'" + provider.name() + "' needs no credentials."));
        }
        if (body == null || !body.isObject()) {
            return Uni.createFrom().failure(ApiException.of(ErrorCode.MALFORMED_JSON,
                    "The request body must be a JSON object."));
        }
        CredentialsRequest request;
        try {
            request = api.treeToValue(body, format);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Set<ConstraintViolation<CredentialsRequest>> violations = validator.validate(request);
        return violations.isEmpty() ? Uni.createFrom().item(request.toCredentials())
                : Uni.createFrom().failure(new ConstraintViolationException(violations));
    }

    private Uni<ProviderAccount> store(String tenantId, ProviderCredentials credentials) {
        SealedSecret sealed = cipher.seal(document(credentials),
                ProviderAccount.sealingContext(tenantId, credentials.provider()));
        return accounts.findAccount(tenantId, credentials.provider())
                .chain(existing -> {
                    ProviderAccount account = existing != null ? existing
                            : ProviderAccount.create(tenantId, credentials.provider(), clock.now(tenantId));
                    account.replaceCredentials(sealed.keyId(), sealed.ciphertext(), credentials.livemode(),
                            clock.now(tenantId));
                    return accounts.persist(account);
                });
    }

    @WithSession
    public Uni<List<ProviderAccount>> list(String tenantId) {
        return accounts.listAccounts(tenantId);
    }

    @WithSession
    public Uni<ProviderAccount> get(String tenantId, String provider) {
        return accounts.findAccount(tenantId, provider).onItem().ifNull().failWith(() -> notFound(provider));
    }

    /** Forgets the credentials; payments through this provider fail as not configured until new ones are put. */
    @WithTransaction
    public Uni<ProviderAccount> delete(String tenantId, String provider) {
        return accounts.findAccount(tenantId, provider).onItem().ifNull().failWith(() -> notFound(provider))
                .call(accounts::delete);
    }

    /**
     * For a request: the opened credentials a call to {@code provider} needs, null for a provider that needs none,
     * a 400 {@code provider_not_available} or {@code provider_not_configured} when the call cannot be made.
     */
    public Uni<ProviderCredentials> credentials(String tenantId, String provider) {
        PaymentProvider offered = providers.find(provider).orElse(null);
        if (offered == null) {
            return Uni.createFrom().failure(providers.notAvailable(provider));
        }
        if (offered.credentialsRequest() == null) {
            return Uni.createFrom().nullItem();
        }
        return stored(tenantId, offered).onItem().ifNull().failWith(() -> notConfigured(provider));
    }

    /** For background work: the tenant's opened credentials for {@code provider}, or null (the item) if none. */
    public Uni<ProviderCredentials> stored(String tenantId, PaymentProvider provider) {
        return Panache.withSession(() -> accounts.findAccount(tenantId, provider.name()))
                .map(account -> account == null ? null : open(provider, account));
    }

    public static ApiException notConfigured(String provider) {
        return ApiException.of(ErrorCode.PROVIDER_NOT_CONFIGURED,
                "Payments through '" + provider + "' are not configured for"
                + " this tenant: PUT /v1/provider-accounts/" + provider + " first.");
    }

    private static ApiException notFound(String provider) {
        return ApiException.of(ErrorCode.PROVIDER_ACCOUNT_NOT_FOUND, "No " + PaymentProviders.quoted(provider, "such")
                + " account is configured for this tenant.");
    }

    private ProviderCredentials open(PaymentProvider provider, ProviderAccount account) {
        String json = cipher.open(new SealedSecret(account.keyId(), account.sealedCredentials()),
                ProviderAccount.sealingContext(account.tenantId(), account.provider()));
        try {
            return provider.credentialsFrom(DOCUMENT.readValue(json, new TypeReference<Map<String, Object>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + account.provider() + " credentials are not a JSON document");
        }
    }

    private static String document(ProviderCredentials credentials) {
        try {
            return DOCUMENT.writeValueAsString(credentials.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Credentials could not be written as JSON", e);
        }
    }
}
