package dev.billforge.payment.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.payment.domain.ProviderAccount;

/** Tenants' provider accounts. Every query takes the tenant. */
@ApplicationScoped
public class ProviderAccountStore implements PanacheRepositoryBase<ProviderAccount, ProviderAccount.Key> {

    public Uni<ProviderAccount> findAccount(String tenantId, String provider) {
        return findById(new ProviderAccount.Key(tenantId, provider));
    }

    public Uni<List<ProviderAccount>> listAccounts(String tenantId) {
        return list("tenantId = ?1 order by provider", tenantId);
    }
}
