package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.payment.store.DunningStore;

/**
 * Makes the retries dunning has planned, when the business clock says they are due. Each retry is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and opened as the invoice's next payment attempt in the same transaction, so with
 * several replicas each retry is made once; the charge itself then goes as any attempt's does (a crash in between
 * leaves the attempt {@code processing} for {@link PaymentRecovery}).
 */
@ApplicationScoped
public class DunningRetries {

    private static final Logger LOG = Logger.getLogger(DunningRetries.class);

    private final DunningStore store;
    private final InvoiceCharging charging;
    private final BusinessClock clock;
    private final PaymentConfig.Dunning config;

    public DunningRetries(DunningStore store, InvoiceCharging charging, BusinessClock clock, PaymentConfig config) {
        this.store = store;
        this.charging = charging;
        this.clock = clock;
        this.config = config.dunning();
    }

    @Scheduled(every = "${billforge.payment.dunning.interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryDueInvoices() {
        return clock.inEachScope(scope -> retryDue(scope, 0)).replaceWithVoid();
    }

    /** Makes every retry of the scope's tenants that is due at its time, up to a batch; returns how many were made. */
    public Uni<Integer> retryDue(DueScope scope, int made) {
        if (made >= config.batchSize()) {
            return Uni.createFrom().item(made);
        }
        return Panache.withTransaction(() -> store.claimNextDue(scope).chain(dunning -> {
            if (dunning == null) {
                return Uni.createFrom().nullItem();
            }
            int attempt = dunning.startRetry(scope.now());
            LOG.infof("Retrying invoice %s of tenant %s: attempt %d", dunning.invoiceId(), dunning.tenantId(),
                    attempt);
            return charging.openAttempt(dunning.tenantId(), dunning.nextAttempt(attempt))
                    .map(opened -> new Claimed(opened));
        })).chain(claimed -> {
            if (claimed == null) {
                return Uni.createFrom().item(made);
            }
            Uni<Void> charge = claimed.attempt() == null ? Uni.createFrom().voidItem()
                    : charging.charge(claimed.attempt().tenantId(), claimed.attempt().paymentId())
                            .onFailure().recoverWithUni(unknown -> {
                                LOG.warnf("Retry payment %s unsettled, left to recovery: %s",
                                        claimed.attempt().paymentId(), unknown.toString());
                                return Uni.createFrom().voidItem();
                            });
            return charge.chain(() -> retryDue(scope, made + 1));
        });
    }

    /** A claimed retry: the attempt to charge, or null when it failed at once (no payment method). */
    private record Claimed(InvoiceCharging.OpenedAttempt attempt) {
    }
}
