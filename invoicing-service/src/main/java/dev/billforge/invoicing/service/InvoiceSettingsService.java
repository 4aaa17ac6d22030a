package dev.billforge.invoicing.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.problem.ErrorCode;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.invoice.InvoiceParty;
import dev.billforge.invoicing.domain.InvoiceSettings;
import dev.billforge.invoicing.store.InvoiceSettingsStore;

/** Reads and replaces a tenant's invoice settings (the seller its invoices print, and their footer). */
@ApplicationScoped
public class InvoiceSettingsService {

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

    /** Replaces the tenant's settings; invoices finalized from now on print them. */
    public Uni<InvoiceSettings> replace(String tenantId, InvoiceParty seller, String footer) {
        return Panache.withTransaction(() -> store.forTenant(tenantId).chain(found -> {
            InvoiceSettings settings = found != null ? found : InvoiceSettings.none(tenantId, clock.now(tenantId));
            settings.replace(seller, footer, clock.now(tenantId));
            return found != null ? Uni.createFrom().item(settings) : store.persist(settings);
        })).onFailure(ConstraintViolationException.class).transform(first -> ApiException.of(
                ErrorCode.CONCURRENT_UPDATE, "The settings were set by another request at the same time; retry."));
    }

    /** The tenant's settings within the caller's session (empty ones when it set none). */
    Uni<InvoiceSettings> current(String tenantId) {
        return store.forTenant(tenantId)
                .map(found -> found != null ? found : InvoiceSettings.none(tenantId, clock.now(tenantId)));
    }
}
