package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.payment.domain.ProviderCredentials;
import dev.billforge.payment.gateway.PaymentGateway;
import dev.billforge.payment.gateway.PaymentGateways;

/**
 * What every call to a provider needs: the provider's gateway and the tenant's (opened) credentials for it. Charges
 * and refunds both treat "no such gateway here" and "the tenant has no account with it (any more)" alike: the call
 * cannot be made, a known outcome rather than an unknown one.
 */
@ApplicationScoped
public class ProviderConnections {

    /** @param credentials null for the simulator, which needs none */
    public record Connection(PaymentGateway gateway, ProviderCredentials credentials) {
    }

    private final PaymentGateways gateways;
    private final ProviderAccountService accounts;

    public ProviderConnections(PaymentGateways gateways, ProviderAccountService accounts) {
        this.gateways = gateways;
        this.accounts = accounts;
    }

    /** The connection, or null (the item) when the provider cannot be called for this tenant. */
    public Uni<Connection> find(String tenantId, String provider) {
        PaymentGateway gateway = gateways.forProvider(provider).orElse(null);
        if (gateway == null) {
            return Uni.createFrom().nullItem();
        }
        return accounts.credentials(tenantId, provider)
                .map(credentials -> new Connection(gateway, credentials))
                .onFailure(ApiException.class).recoverWithNull(); // not configured, or removed since
    }
}
