package dev.billforge.invoicing.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import dev.billforge.invoicing.domain.InvoiceSettings;

/** Each tenant's invoice settings: one row per tenant, keyed by it. */
@ApplicationScoped
public class InvoiceSettingsStore implements PanacheRepositoryBase<InvoiceSettings, String> {

    /** The tenant's settings, or null when it has set none. */
    public Uni<InvoiceSettings> forTenant(String tenantId) {
        return findById(tenantId);
    }
}
