package dev.billforge.payment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An invoice whose payment failed, retried on its tenant's {@link DunningSchedule} until a payment is captured
 * ({@code recovered}) or the last retry fails ({@code exhausted}). The schedule is copied in when dunning begins, so
 * changing the settings later never moves a retry the customer was told about.
 */
@Entity
@Table(name = "dunning")
public class Dunning {

    @Id
    @Column(name = "invoice_id")
    private UUID invoiceId;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "subscription_id", updatable = false)
    private UUID subscriptionId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(nullable = false, updatable = false)
    private long amount;
    @Column(nullable = false, updatable = false)
    private String currency;
    @Column(nullable = false)
    @Convert(converter = DunningStatus.Column.class)
    private DunningStatus status;
    /** The number of the attempt that failed first: retries count from it. */
    @Column(name = "first_attempt", nullable = false, updatable = false)
    private int firstAttempt;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "first_failed_at", nullable = false, updatable = false)
    private Instant firstFailedAt;
    @Column(name = "next_retry_at")
    private Instant nextRetryAt;
    @Column(name = "retry_days", nullable = false, updatable = false)
    private String retryDays;
    @Column(name = "when_exhausted", nullable = false, updatable = false)
    private String whenExhausted;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Dunning() {
        // for Hibernate
    }

    /** Dunning begins with the invoice's first failed payment; the first retry is planned at once. */
    public static Dunning begin(Payment failed, DunningSchedule schedule, Instant now) {
        Dunning dunning = new Dunning();
        dunning.invoiceId = failed.invoiceId();
        dunning.tenantId = failed.tenantId();
        dunning.subscriptionId = failed.subscriptionId();
        dunning.customerId = failed.customerId();
        dunning.amount = failed.amount();
        dunning.currency = failed.currency();
        dunning.status = DunningStatus.ACTIVE;
        dunning.firstAttempt = failed.attempt();
        dunning.attempts = failed.attempt();
        dunning.firstFailedAt = now;
        dunning.retryDays = schedule.retryDaysText();
        dunning.whenExhausted = schedule.whenExhausted();
        dunning.createdAt = now;
        dunning.nextRetryAt = schedule.nextRetry(now, 1);
        dunning.updatedAt = now;
        return dunning;
    }

    public DunningSchedule schedule() {
        return new DunningSchedule(DunningSchedule.parseDays(retryDays), whenExhausted);
    }

    /**
     * Another attempt failed: plans the next retry, or ends dunning as exhausted after the last. A report of an
     * attempt older than the latest (a late webhook) changes nothing.
     *
     * @return true when this failure exhausted the schedule
     */
    public boolean recordFailure(int attempt, Instant now) {
        if (status != DunningStatus.ACTIVE || attempt < attempts) {
            return false;
        }
        attempts = attempt;
        int failures = attempts - firstAttempt + 1;
        nextRetryAt = schedule().nextRetry(firstFailedAt, failures);
        updatedAt = now;
        if (nextRetryAt == null) {
            status = DunningStatus.EXHAUSTED;
            return true;
        }
        return false;
    }

    /** A payment was captured: dunning ends. */
    public boolean recover(Instant now) {
        if (status != DunningStatus.ACTIVE) {
            return false;
        }
        status = DunningStatus.RECOVERED;
        nextRetryAt = null;
        updatedAt = now;
        return true;
    }

    /** The invoice was voided: nothing more is collected, dunning ends. */
    public boolean voided(Instant now) {
        if (status != DunningStatus.ACTIVE) {
            return false;
        }
        status = DunningStatus.VOIDED;
        nextRetryAt = null;
        updatedAt = now;
        return true;
    }

    /** The invoice was written off (marked uncollectible by the tenant): no more retries. */
    public boolean writtenOff(Instant now) {
        if (status != DunningStatus.ACTIVE) {
            return false;
        }
        status = DunningStatus.WRITTEN_OFF;
        nextRetryAt = null;
        updatedAt = now;
        return true;
    }

    /** The scheduler is making the next attempt: it is not due again until that attempt fails. */
    public int startRetry(Instant now) {
        nextRetryAt = null;
        updatedAt = now;
        return attempts + 1;
    }

    /** The customer has a new way to pay: the next retry is due now instead of on its scheduled day. */
    public boolean retryNow(Instant now) {
        if (status != DunningStatus.ACTIVE || nextRetryAt == null || !nextRetryAt.isAfter(now)) {
            return false;
        }
        nextRetryAt = now;
        updatedAt = now;
        return true;
    }

    /** What the next retry charges: the invoice as its failed payments saw it. */
    public InvoiceDue nextAttempt(int attempt) {
        return new InvoiceDue(invoiceId, subscriptionId, customerId, amount, currency, attempt);
    }

    public UUID invoiceId() {
        return invoiceId;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    public UUID customerId() {
        return customerId;
    }

    public DunningStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstFailedAt() {
        return firstFailedAt;
    }

    public Instant nextRetryAt() {
        return nextRetryAt;
    }

    public String whenExhausted() {
        return whenExhausted;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
