package dev.billforge.payment.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.jobs.LeasedJob;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.payment.store.PaymentStore;
import dev.billforge.payment.store.RefundStore;

/**
 * Finishes payments left {@code processing} (and, the same way, refunds left {@code pending}): the service stopped
 * between recording an attempt and recording the provider's answer, or the provider could not be reached. The provider
 * call is repeated with the attempt's idempotency key, so a charge the provider already made is answered again instead
 * of being made twice. Claiming rows with {@code SKIP LOCKED} and a claim time keeps replicas from working the same
 * payment at the same time.
 */
@ApplicationScoped
public class PaymentRecovery {

    private static final Logger LOG = Logger.getLogger(PaymentRecovery.class);

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final InvoiceCharging charging;
    private final PaymentRefunds refunding;
    private final BusinessClock clock;
    private final PaymentConfig.Recovery config;

    public PaymentRecovery(PaymentStore payments, RefundStore refunds, InvoiceCharging charging,
            PaymentRefunds refunding, BusinessClock clock, PaymentConfig config) {
        this.payments = payments;
        this.refunds = refunds;
        this.charging = charging;
        this.refunding = refunding;
        this.clock = clock;
        this.config = config.recovery();
    }

    @Scheduled(every = "${billforge.payment.recovery.interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recoverStuckPayments() {
        return recoverOnce().chain(() -> recoverRefundsOnce()).replaceWithVoid();
    }

    /**
     * One pass: claims the payments stuck longer than the threshold and repeats their provider call. A payment's
     * times are its tenant's business time, so each tenant on a test clock of its own is a pass of its own.
     */
    public Uni<Integer> recoverOnce() {
        return clock.inEachScope(this::recoverOnce);
    }

    private Uni<Integer> recoverOnce(DueScope scope) {
        Instant now = scope.now();
        return payments.claimStuck(scope, now.minus(config.stuckAfter()), now, config.batchSize())
                .chain(claimed -> charging.recoverAll(claimed.stream()
                        .map(payment -> new InvoiceCharging.OpenedAttempt(payment.tenantId(), payment.id())).toList())
                        .replaceWith(claimed.size()));
    }

    /** One pass over refunds left pending: claims them and asks the provider again with the same key. */
    public Uni<Integer> recoverRefundsOnce() {
        return clock.inEachScope(this::recoverRefundsOnce);
    }

    private Uni<Integer> recoverRefundsOnce(DueScope scope) {
        Instant now = scope.now();
        return refunds.claimStuck(scope, now.minus(config.stuckAfter()), now, config.batchSize())
                // ask() logs and keeps the refund pending when the provider's answer is still unknown.
                .chain(claimed -> LeasedJob.workInTurn(claimed,
                        refund -> refunding.ask(refund.tenantId(), refund.id()),
                        (refund, failure) -> LOG.debugf("Refund %s still unsettled: %s", refund.id(), failure))
                        .replaceWith(claimed.size()));
    }
}
