package dev.billforge.payment.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.secrets.SealedSecret;
import dev.billforge.chassis.secrets.SecretCipher;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.payment.domain.PayPalCredentials;
import dev.billforge.payment.domain.ProviderAccount;
import dev.billforge.payment.domain.ProviderCredentials;
import dev.billforge.payment.domain.Providers;
import dev.billforge.payment.domain.StripeCredentials;
import dev.billforge.payment.store.ProviderAccountStore;

/**
 * Tenants' own provider credentials: stored sealed, opened only for a provider call or a webhook's signature check,
 * and never returned by the API.
 */
@ApplicationScoped
public class ProviderAccountService {

    public static final String NOT_FOUND = "provider_account_not_found";
    public static final String NOT_CONFIGURED = "provider_not_configured";

    /** A plain mapper: the credentials document is ours, not an API body, and holds no dates or money. */
    private static final ObjectMapper DOCUMENT = new ObjectMapper();

    private final ProviderAccountStore accounts;
    private final SecretCipher cipher;
    private final BusinessClock clock;

    public ProviderAccountService(ProviderAccountStore accounts, SecretCipher cipher, BusinessClock clock) {
        this.accounts = accounts;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Refuses to start without the keys that seal credentials (billforge.secrets.*). */
    void checkSecretsKeys(@Observes StartupEvent started) {
        cipher.requireConfigured();
    }

    /** Stores (or replaces) the tenant's credentials for their provider. */
    @WithTransaction
    public Uni<ProviderAccount> put(String tenantId, ProviderCredentials credentials) {
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
     * The opened credentials a call to {@code provider} needs: null for the simulator (it needs none), a 400
     * {@code provider_not_configured} when the tenant has not configured the provider.
     */
    @WithSession
    public Uni<ProviderCredentials> credentials(String tenantId, String provider) {
        if (Providers.SIMULATOR.equals(provider)) {
            return Uni.createFrom().nullItem();
        }
        return accounts.findAccount(tenantId, provider)
                .onItem().ifNull().failWith(() -> notConfigured(provider))
                .map(account -> open(account));
    }

    public static ApiException notConfigured(String provider) {
        return ApiException.badRequest(NOT_CONFIGURED, "Payments through '" + provider + "' are not configured for"
                + " this tenant: PUT /v1/provider-accounts/" + provider + " first.");
    }

    private static ApiException notFound(String provider) {
        return ApiException.notFound(NOT_FOUND, "No '" + provider + "' account is configured for this tenant.");
    }

    private ProviderCredentials open(ProviderAccount account) {
        String json = cipher.open(new SealedSecret(account.keyId(), account.sealedCredentials()),
                ProviderAccount.sealingContext(account.tenantId(), account.provider()));
        Map<String, Object> fields;
        try {
            fields = DOCUMENT.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + account.provider() + " credentials are not a JSON document");
        }
        return switch (account.provider()) {
            case Providers.STRIPE -> new StripeCredentials((String) fields.get("secret_key"),
                    (String) fields.get("webhook_signing_secret"));
            case Providers.PAYPAL -> new PayPalCredentials((String) fields.get("client_id"),
                    (String) fields.get("client_secret"), (String) fields.get("webhook_id"),
                    Boolean.TRUE.equals(fields.get("live")));
            default -> throw new IllegalStateException("No credentials format for " + account.provider());
        };
    }

    private static String document(ProviderCredentials credentials) {
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (credentials) {
            case StripeCredentials stripe -> {
                fields.put("secret_key", stripe.secretKey());
                fields.put("webhook_signing_secret", stripe.webhookSigningSecret());
            }
            case PayPalCredentials paypal -> {
                fields.put("client_id", paypal.clientId());
                fields.put("client_secret", paypal.clientSecret());
                fields.put("webhook_id", paypal.webhookId());
                fields.put("live", paypal.live());
            }
        }
        try {
            return DOCUMENT.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Credentials could not be written as JSON", e);
        }
    }
}
