package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.payment.domain.DunningSchedule;
import dev.billforge.payment.domain.DunningSettings;
import dev.billforge.payment.store.DunningStore;

/** Each tenant's dunning schedule: its own when it set one, else the configured default. */
@ApplicationScoped
public class DunningSettingsService {

    private final DunningStore store;
    private final DunningSchedule defaultSchedule;
    private final BusinessClock clock;

    public DunningSettingsService(DunningStore store, PaymentConfig config, BusinessClock clock) {
        this.store = store;
        this.defaultSchedule = new DunningSchedule(config.dunning().defaultRetryDays(),
                config.dunning().defaultWhenExhausted());
        this.clock = clock;
    }

    /** The tenant's schedule, in the caller's session. */
    public Uni<DunningSchedule> scheduleOf(String tenantId) {
        return store.settings(tenantId).map(settings -> settings == null ? defaultSchedule : settings.schedule());
    }

    @WithSession
    public Uni<DunningSchedule> get(String tenantId) {
        return scheduleOf(tenantId);
    }

    /** Replaces the tenant's schedule for invoices whose dunning begins from now on. */
    @WithTransaction
    public Uni<DunningSchedule> put(String tenantId, DunningSchedule schedule) {
        return store.settings(tenantId).chain(settings -> {
            if (settings == null) {
                return store.persistSettings(DunningSettings.of(tenantId, schedule, clock.now(tenantId)));
            }
            settings.replace(schedule, clock.now(tenantId));
            return Uni.createFrom().item(settings);
        }).map(DunningSettings::schedule);
    }
}
