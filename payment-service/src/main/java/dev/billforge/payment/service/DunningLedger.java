package dev.billforge.payment.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.outbox.Outbox;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.events.EventCatalog;
import dev.billforge.events.payment.DunningExhausted;
import dev.billforge.payment.domain.Dunning;
import dev.billforge.payment.domain.DunningStatus;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.store.DunningStore;
import dev.billforge.payment.store.VoidedInvoiceStore;

/**
 * Keeps each failed invoice's dunning up to date as its payments settle, in the transaction that records the
 * payment's outcome: a failure begins dunning or plans the next retry (the date {@code payment.failed} announces),
 * the last failure exhausts it ({@code dunning.exhausted}), a captured payment ends it. {@link DunningRetries} makes
 * the retries.
 */
@ApplicationScoped
public class DunningLedger {

    private static final Logger LOG = Logger.getLogger(DunningLedger.class);

    private final DunningStore store;
    private final VoidedInvoiceStore voided;
    private final DunningSettingsService settings;
    private final Outbox outbox;
    private final BusinessClock clock;

    public DunningLedger(DunningStore store, VoidedInvoiceStore voided, DunningSettingsService settings, Outbox outbox,
            BusinessClock clock) {
        this.store = store;
        this.voided = voided;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A payment of the invoice failed.
     *
     * @return when the invoice is retried (as the item), or null when no retry follows
     */
    public Uni<Instant> paymentFailed(Payment payment) {
        if (payment.amount() == 0) {
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.now(payment.tenantId());
        return store.findForUpdate(payment.tenantId(), payment.invoiceId()).chain(dunning -> {
            if (dunning == null) {
                if (payment.onRequest()) {
                    // Someone asked for this attempt: its failure is theirs to see. It begins no automatic retries
                    // (an invoice sent to the customer is never retried; one charged automatically begins dunning
                    // when its own attempt fails).
                    return Uni.createFrom().nullItem();
                }
                // A voided invoice (its subscription was canceled now) is not dunned: nothing more is collected.
                return voided.isVoided(payment.tenantId(), payment.invoiceId()).chain(isVoided -> isVoided
                        ? Uni.createFrom().<Instant> nullItem()
                        : settings.scheduleOf(payment.tenantId())
                                .chain(schedule -> store.persist(Dunning.begin(payment, schedule, now)))
                                .map(Dunning::nextRetryAt));
            }
            if (!dunning.recordFailure(payment.attempt(), now)) {
                return Uni.createFrom().item(dunning.status() == DunningStatus.ACTIVE ? dunning.nextRetryAt() : null);
            }
            LOG.infof("Dunning of invoice %s (tenant %s) exhausted after %d attempts", dunning.invoiceId(),
                    dunning.tenantId(), dunning.attempts());
            return outbox.publish(EventCatalog.DUNNING_EXHAUSTED, dunning.tenantId(), dunning.invoiceId(),
                    new DunningExhausted(dunning.invoiceId(), dunning.subscriptionId(), dunning.customerId(),
                            payment.amount(), payment.currency(), dunning.attempts(), dunning.firstFailedAt(), now,
                            dunning.whenExhausted()))
                    .replaceWith(Uni.createFrom().nullItem());
        });
    }

    /** The tenant wrote the invoice off ({@code invoice.marked_uncollectible}): its dunning, if any, ends. */
    public Uni<Void> invoiceWrittenOff(String tenantId, UUID invoiceId) {
        return store.findForUpdate(tenantId, invoiceId)
                .invoke(dunning -> {
                    if (dunning != null) {
                        dunning.writtenOff(clock.now(tenantId));
                    }
                })
                .replaceWithVoid();
    }

    /** Payments were captured: the dunning of their invoices, if any, ends; one query for the set. */
    public Uni<Void> paymentsSucceeded(List<Payment> captured) {
        Map<String, Payment> byInvoice = new HashMap<>();
        captured.forEach(payment -> byInvoice.put(payment.tenantId() + '\n' + payment.invoiceId(), payment));
        return store.findAllForUpdate(captured.stream().map(Payment::invoiceId).toList()).invoke(found -> found
                .forEach(dunning -> {
                    Payment payment = byInvoice.get(dunning.tenantId() + '\n' + dunning.invoiceId());
                    if (payment != null) {
                        dunning.recover(clock.now(payment.tenantId()));
                    }
                }))
                .replaceWithVoid();
    }

    /** A payment of the invoice was captured: its dunning, if any, ends. */
    public Uni<Void> paymentSucceeded(Payment payment) {
        return store.findForUpdate(payment.tenantId(), payment.invoiceId())
                .invoke(dunning -> {
                    if (dunning != null) {
                        dunning.recover(clock.now(payment.tenantId()));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The customer has a new default payment method: each of their invoices being dunned is retried now, with it,
     * rather than on its scheduled day. (Should that retry fail, the schedule goes on as it was.)
     */
    public Uni<Void> paymentMethodChanged(String tenantId, UUID customerId) {
        return store.activeForCustomerForUpdate(tenantId, customerId)
                .invoke(dunnings -> dunnings.forEach(dunning -> dunning.retryNow(clock.now(tenantId))))
                .replaceWithVoid();
    }
}
