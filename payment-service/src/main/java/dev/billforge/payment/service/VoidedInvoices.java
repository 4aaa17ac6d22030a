package dev.billforge.payment.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.PaymentStatus;
import dev.billforge.payment.domain.Refund;
import dev.billforge.payment.store.DunningStore;
import dev.billforge.payment.store.PaymentStore;
import dev.billforge.payment.store.RefundStore;
import dev.billforge.payment.store.VoidedInvoiceStore;

/**
 * Nothing is kept for a voided invoice. When invoicing voids one ({@code invoice.voided}), its dunning ends and any
 * payment that succeeded for it is refunded; a charge that was in flight and succeeds afterwards is refunded as it is
 * recorded ({@link #refundIfVoided}). Refunds are recorded {@code pending} in the caller's transaction, one per
 * payment, and asked of the provider by {@link PaymentRecovery} like any refund left pending, with their own
 * idempotency key: no provider call inside a transaction.
 */
@ApplicationScoped
public class VoidedInvoices {

    private static final Logger LOG = Logger.getLogger(VoidedInvoices.class);

    private final VoidedInvoiceStore voided;
    private final DunningStore dunning;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final BusinessClock clock;

    public VoidedInvoices(VoidedInvoiceStore voided, DunningStore dunning, PaymentStore payments, RefundStore refunds,
            BusinessClock clock) {
        this.voided = voided;
        this.dunning = dunning;
        this.payments = payments;
        this.refunds = refunds;
        this.clock = clock;
    }

    /** Inside the consumer's inbox transaction: records the void, ends dunning, refunds captured payments. */
    public Uni<Void> invoiceVoided(String tenantId, UUID invoiceId) {
        return voided.record(tenantId, invoiceId, clock.now(tenantId))
                .chain(() -> dunning.findForUpdate(tenantId, invoiceId))
                .invoke(dunned -> {
                    if (dunned != null) {
                        dunned.voided(clock.now(tenantId));
                    }
                })
                .chain(() -> payments.succeededForInvoiceForUpdate(tenantId, invoiceId))
                .chain(captured -> Multi.createFrom().iterable(captured)
                        .onItem().transformToUniAndConcatenate(this::refund)
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * Inside the transaction recording captured payments: refunds those whose invoice was voided; which were is read
     * with one query for the set.
     */
    public Uni<Void> refundAllIfVoided(List<Payment> captured) {
        List<Payment> succeeded = captured.stream().filter(p -> p.status() == PaymentStatus.SUCCEEDED).toList();
        if (succeeded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return voided.voidedAmong(succeeded.stream().map(Payment::invoiceId).toList())
                .chain(voidedNow -> Multi.createFrom().iterable(succeeded)
                        .select().where(p -> voidedNow.contains(p.tenantId() + '\n' + p.invoiceId()))
                        .onItem().transformToUniAndConcatenate(this::refund)
                        .collect().last())
                .replaceWithVoid();
    }

    /** Inside the transaction recording a captured payment: refunds it when its invoice was voided. */
    public Uni<Void> refundIfVoided(Payment payment) {
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return Uni.createFrom().voidItem();
        }
        return voided.isVoided(payment.tenantId(), payment.invoiceId())
                .chain(isVoided -> isVoided ? refund(payment) : Uni.createFrom().voidItem());
    }

    private Uni<Void> refund(Payment payment) {
        if (payment.refundable() == 0) {
            return Uni.createFrom().voidItem();
        }
        return refunds.findByRequestKey(payment.tenantId(), Refund.voidedInvoiceKey(payment.id()))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("Payment %s succeeded for voided invoice %s (tenant %s): refunding %d %s", payment.id(),
                            payment.invoiceId(), payment.tenantId(), payment.refundable(), payment.currency());
                    return refunds.persist(Refund.forVoidedInvoice(TimeOrderedIds.next(), payment,
                            clock.now(payment.tenantId()))).replaceWithVoid();
                });
    }
}
