package dev.billforge.payment.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's own dunning schedule, set through {@code PUT /v1/dunning-settings}. */
@Entity
@Table(name = "dunning_settings")
public class DunningSettings {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;
    @Column(name = "retry_days", nullable = false)
    private String retryDays;
    @Column(name = "when_exhausted", nullable = false)
    private String whenExhausted;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DunningSettings() {
        // for Hibernate
    }

    public static DunningSettings of(String tenantId, DunningSchedule schedule, Instant now) {
        DunningSettings settings = new DunningSettings();
        settings.tenantId = tenantId;
        settings.replace(schedule, now);
        return settings;
    }

    public void replace(DunningSchedule schedule, Instant now) {
        retryDays = schedule.retryDaysText();
        whenExhausted = schedule.whenExhausted();
        updatedAt = now;
    }

    public DunningSchedule schedule() {
        return new DunningSchedule(DunningSchedule.parseDays(retryDays), whenExhausted);
    }

    public String tenantId() {
        return tenantId;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
