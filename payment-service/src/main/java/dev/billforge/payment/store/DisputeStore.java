package dev.billforge.payment.store;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.payment.domain.Dispute;

/** Disputes in this service's schema, always by tenant. */
@ApplicationScoped
public class DisputeStore implements PanacheRepositoryBase<Dispute, UUID> {

    /** The dispute the provider calls {@code reference}, row-locked, or null. */
    public Uni<Dispute> findByProviderReferenceForUpdate(String tenantId, String provider, String reference) {
        return find("tenantId = ?1 and provider = ?2 and providerReference = ?3", tenantId, provider, reference)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Dispute>> listForPayment(String tenantId, UUID paymentId) {
        return list("tenantId = ?1 and paymentId = ?2 order by openedAt desc, id desc", tenantId, paymentId);
    }
}
