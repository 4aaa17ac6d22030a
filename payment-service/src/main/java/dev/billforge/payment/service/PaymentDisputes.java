package dev.billforge.payment.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.chassis.time.TimeOrderedIds;
import dev.billforge.chassis.web.ResourceIds;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.Dispute;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.provider.ProviderEvent;
import dev.billforge.payment.store.DisputeStore;
import dev.billforge.payment.store.PaymentStore;

/**
 * Chargebacks, known only from the providers' webhooks: recorded per provider dispute, announced when opened and
 * when closed. Events may come in any order (an update before the creation, a closing event twice); each dispute is
 * opened once and closed once.
 */
@ApplicationScoped
public class PaymentDisputes {

    private final PaymentStore payments;
    private final DisputeStore disputes;
    private final PaymentOutcomes outcomes;
    private final BusinessClock clock;

    public PaymentDisputes(PaymentStore payments, DisputeStore disputes, PaymentOutcomes outcomes,
            BusinessClock clock) {
        this.payments = payments;
        this.disputes = disputes;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** A provider's webhook about a dispute, in the caller's transaction; the payment is locked first. */
    public Uni<Void> applyProviderUpdate(String tenantId, String provider, ProviderEvent.DisputeUpdate update) {
        if (update.paymentReference() == null || update.disputeReference() == null) {
            return Uni.createFrom().voidItem();
        }
        return payments.findByProviderReferenceForUpdate(tenantId, provider, update.paymentReference())
                .chain(payment -> payment == null ? Uni.createFrom().voidItem()
                        : disputes.findByProviderReferenceForUpdate(tenantId, provider, update.disputeReference())
                                .chain(dispute -> dispute == null ? open(payment, update)
                                        : update(payment, dispute, update)));
    }

    private Uni<Void> open(Payment payment, ProviderEvent.DisputeUpdate update) {
        Dispute dispute = Dispute.opened(TimeOrderedIds.next(), payment, update.disputeReference(),
                update.amount(), update.reason(), update.status(), clock.now(payment.tenantId()));
        return disputes.persist(dispute)
                .chain(() -> outcomes.disputeOpened(payment, dispute))
                .chain(() -> dispute.isClosed() ? outcomes.disputeClosed(payment, dispute) : Uni.createFrom().voidItem());
    }

    private Uni<Void> update(Payment payment, Dispute dispute, ProviderEvent.DisputeUpdate update) {
        boolean closed = dispute.update(update.amount(), update.reason(), update.status(),
                clock.now(payment.tenantId()));
        return closed ? outcomes.disputeClosed(payment, dispute) : Uni.createFrom().voidItem();
    }

    /** The payment's disputes, newest first; 404 for a payment that is not the tenant's. */
    @WithSession
    public Uni<List<Dispute>> listForPayment(String tenantId, UUID paymentId) {
        return payments.findForTenant(tenantId, paymentId).onItem().ifNull()
                .failWith(() -> ResourceIds.notFound(ErrorCode.PAYMENT_NOT_FOUND, "payment", paymentId))
                .chain(payment -> disputes.listForPayment(tenantId, paymentId));
    }
}
