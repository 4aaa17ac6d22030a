package dev.billforge.invoicing.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.persistence.UniqueConstraints;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.invoicing.domain.InvoiceSettings;
import dev.billforge.invoicing.store.InvoiceSettingsStore;

/** Reads and replaces a tenant's invoice settings (the seller its invoices print, and their footer). */
@ApplicationScoped
public class InvoiceSettingsService {

    /** The primary key of invoice_settings: one row per tenant. */
    private static final String TENANT_KEY = "invoice_settings_pkey";

    private final InvoiceSettingsStore store;
    private final BusinessClock clock;

    public InvoiceSettingsService(InvoiceSettingsStore store, BusinessClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The tenant's settings; a tenant that set none gets empty ones (nothing stored). */
    public Uni<InvoiceSettings> get(String tenantId) {
        return Panache.withSession(() -> current(tenantId));
    }

    /**
     * Replaces the tenant's settings; invoices finalized from now on print them. Two first PUTs at once both try to
     * insert the row: the one that loses is applied again, as an update of the winner's row.
     */
    public Uni<InvoiceSettings> replace(String tenantId, InvoiceParty seller, String footer) {
        return replaceOnce(tenantId, seller, footer)
                .onFailure(UniqueConstraints.named(TENANT_KEY)).recoverWithUni(() -> replaceOnce(tenantId, seller,
                        footer))
                .onFailure(UniqueConstraints.named(TENANT_KEY)).transform(again -> ApiException.of(
                        ErrorCode.CONCURRENT_UPDATE, "The settings were set by another request at the same time."));
    }

    private Uni<InvoiceSettings> replaceOnce(String tenantId, InvoiceParty seller, String footer) {
        return Panache.withTransaction(() -> store.forTenant(tenantId).chain(found -> {
            InvoiceSettings settings = found != null ? found : InvoiceSettings.none(tenantId, clock.now(tenantId));
            settings.replace(seller, footer, clock.now(tenantId));
            return found != null ? Uni.createFrom().item(settings) : store.persist(settings);
        }));
    }

    /** The tenant's settings within the caller's session (empty ones when it set none). */
    Uni<InvoiceSettings> current(String tenantId) {
        return store.forTenant(tenantId)
                .map(found -> found != null ? found : InvoiceSettings.none(tenantId, clock.now(tenantId)));
    }
}
