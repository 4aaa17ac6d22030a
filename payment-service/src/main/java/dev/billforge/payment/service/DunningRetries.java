package dev.billforge.payment.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.telemetry.PipelineMetrics;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.DueScope;
import dev.billforge.payment.domain.Dunning;
import dev.billforge.payment.store.DunningStore;

/**
 * Makes the retries dunning has planned, when the business clock says they are due. A pass claims a batch of due
 * retries with {@code FOR UPDATE SKIP LOCKED} and opens each as its invoice's next payment attempt in the same
 * transaction, so with several replicas each retry is made once; the charges then go one after another as any
 * attempt's does, outside the transaction (a crash in between leaves the attempt {@code processing} for
 * {@link PaymentRecovery}).
 */
@ApplicationScoped
public class DunningRetries {

    private static final Logger LOG = Logger.getLogger(DunningRetries.class);

    private final DunningStore store;
    private final InvoiceCharging charging;
    private final BusinessClock clock;
    private final PaymentConfig.Dunning config;

    public DunningRetries(DunningStore store, InvoiceCharging charging, BusinessClock clock, PaymentConfig config,
            PipelineMetrics metrics, ChassisConfig chassis) {
        this.store = store;
        this.charging = charging;
        this.clock = clock;
        this.config = config.dunning();
        metrics.gaugeOfQuery("billforge.dunning.active", "Open invoices in dunning: failed, with retries to come",
                "SELECT count(*) FROM " + chassis.db().schema() + ".dunning WHERE status = 'active'");
    }

    @Scheduled(every = "${billforge.payment.dunning.interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryDueInvoices() {
        return clock.inEachScope(this::retryDue).replaceWithVoid();
    }

    /**
     * Makes the retries of the scope's tenants that are due at its time, up to a batch; returns how many were opened
     * with a provider call to make.
     */
    public Uni<Integer> retryDue(DueScope scope) {
        return Panache.withTransaction(() -> store.claimDue(scope, config.batchSize())
                .chain(due -> openInTurn(scope, due, 0, new ArrayList<>())))
                .chain(opened -> charging.chargeAll(opened).replaceWith(opened.size()));
    }

    /**
     * Opens each claimed retry as a payment attempt, in the claiming transaction; returns the attempts whose provider
     * call is due (a retry without a payment method fails at once and has none).
     */
    private Uni<List<InvoiceCharging.OpenedAttempt>> openInTurn(DueScope scope, List<Dunning> due, int next,
            List<InvoiceCharging.OpenedAttempt> opened) {
        if (next >= due.size()) {
            return Uni.createFrom().item(opened);
        }
        Dunning dunning = due.get(next);
        int attempt = dunning.startRetry(scope.now());
        LOG.infof("Retrying invoice %s of tenant %s: attempt %d", dunning.invoiceId(), dunning.tenantId(), attempt);
        return charging.openAttempt(dunning.tenantId(), dunning.nextAttempt(attempt))
                .chain(chargeable -> {
                    if (chargeable != null) {
                        opened.add(chargeable);
                    }
                    return openInTurn(scope, due, next + 1, opened);
                });
    }
}
