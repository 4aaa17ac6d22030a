package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.PaymentProviders;
import dev.billforge.payment.provider.ProviderCredentials;

/**
 * What every background call to a provider needs: the provider plugin and the tenant's (opened) credentials for it.
 * Charges and refunds both treat "this deployment does not offer the provider" and "the tenant has no account with
 * it (any more)" alike: the call cannot be made, a known outcome rather than an unknown one.
 */
@ApplicationScoped
public class ProviderConnections {

    /** @param credentials null for a provider that needs none */
    public record Connection(PaymentProvider provider, ProviderCredentials credentials) {
    }

    private final PaymentProviders providers;
    private final ProviderAccountService accounts;

    public ProviderConnections(PaymentProviders providers, ProviderAccountService accounts) {
        this.providers = providers;
        this.accounts = accounts;
    }

    /** The connection, or null (the item) when the provider cannot be called for this tenant. */
    public Uni<Connection> find(String tenantId, String providerName) {
        PaymentProvider provider = providers.find(providerName).orElse(null);
        if (provider == null) {
            return Uni.createFrom().nullItem();
        }
        if (provider.credentialsRequest() == null) {
            return Uni.createFrom().item(new Connection(provider, null));
        }
        return accounts.stored(tenantId, provider)
                .map(credentials -> credentials == null ? null : new Connection(provider, credentials));
    }
}
