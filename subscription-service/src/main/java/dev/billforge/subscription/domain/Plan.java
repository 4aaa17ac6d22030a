package dev.billforge.subscription.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.domain.MetadataMerge;
import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.chassis.persistence.MetadataColumn;

/**
 * A price in the tenant's catalogue. Amount, currency and interval never change once created, so every invoice
 * of a subscription is billed at the price it was sold at; a new price is a new plan (and the old one is set
 * inactive so nobody new subscribes to it).
 */
@Entity
@Table(name = "plan")
public class Plan implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(nullable = false, updatable = false)
    private long amount;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Convert(converter = BillingInterval.Column.class)
    @Column(name = "billing_interval", nullable = false, updatable = false)
    private BillingInterval interval;
    @Column(name = "interval_count", nullable = false, updatable = false)
    private int intervalCount;
    @Column(name = "trial_period_days", nullable = false, updatable = false)
    private int trialPeriodDays;
    @Column(nullable = false)
    private boolean active;
    @Convert(converter = MetadataColumn.class)
    @Column(nullable = false, updatable = false)
    private Map<String, String> features = new TreeMap<>();
    @Convert(converter = MetadataColumn.class)
    @Column(nullable = false)
    private Map<String, String> metadata = new TreeMap<>();
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Plan() {
        // for Hibernate
    }

    public static Plan create(UUID id, String tenantId, PlanDetails details, Instant now) {
        Plan plan = new Plan();
        plan.id = id;
        plan.tenantId = tenantId;
        plan.name = details.name().trim();
        plan.description = details.description();
        plan.amount = details.amount();
        plan.currency = details.currency();
        plan.interval = details.interval();
        plan.intervalCount = details.intervalCount();
        plan.trialPeriodDays = details.trialPeriodDays();
        plan.active = details.active();
        plan.features = new TreeMap<>(details.features() == null ? Map.of() : details.features());
        plan.metadata = new TreeMap<>(details.metadata() == null ? Map.of() : details.metadata());
        plan.createdAt = now;
        plan.updatedAt = now;
        return plan;
    }

    /** @return the snake_case names of the fields that changed, sorted; empty for a no-op */
    public List<String> apply(PlanChanges changes, Instant now) {
        List<String> changed = new ArrayList<>();
        if (changes.name() != null && !changes.name().trim().equals(name)) {
            name = changes.name().trim();
            changed.add("name");
        }
        if (changes.description() != null && !Objects.equals(changes.description().orElse(null), description)) {
            description = changes.description().orElse(null);
            changed.add("description");
        }
        if (changes.active() != null && changes.active() != active) {
            active = changes.active();
            changed.add("active");
        }
        Map<String, String> merged = MetadataMerge.merge(metadata, changes.clearMetadata(), changes.metadataPatch());
        if (!merged.equals(metadata)) {
            metadata = merged;
            changed.add("metadata");
        }
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        Collections.sort(changed);
        return List.copyOf(changed);
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public BillingInterval interval() {
        return interval;
    }

    public int intervalCount() {
        return intervalCount;
    }

    public int trialPeriodDays() {
        return trialPeriodDays;
    }

    public boolean active() {
        return active;
    }

    public Map<String, String> features() {
        return Collections.unmodifiableMap(features);
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
