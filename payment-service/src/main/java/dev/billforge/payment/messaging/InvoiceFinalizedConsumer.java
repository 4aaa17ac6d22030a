package dev.billforge.payment.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.inbox.Inbox;
import dev.billforge.events.EventCatalog;
import dev.billforge.payment.service.InvoiceCharging;
import dev.billforge.payment.service.InvoiceCharging.OpenedAttempt;

/**
 * Charges finalized invoices: {@code invoice.finalized} opens one payment attempt (in the inbox transaction), then
 * the provider is called and its answer recorded.
 *
 * <p>The provider call is chained into the Uni this method returns, after the inbox transaction has committed: the
 * Kafka offset is committed only once the outcome is recorded, and no database transaction stays open while the
 * provider answers. If this service dies in between, the redelivered event is a duplicate for the inbox, and the
 * payment left {@code processing} is finished by {@code PaymentRecovery} with the same idempotency key, so the
 * provider charges once. For the same reason a failing provider call is logged and not rethrown: the event itself
 * was processed, and parking it on the dead-letter topic would help nobody.
 */
@ApplicationScoped
public class InvoiceFinalizedConsumer {

    public static final String CHANNEL = "invoice-finalized";
    private static final Logger LOG = Logger.getLogger(InvoiceFinalizedConsumer.class);

    private final Inbox inbox;
    private final InvoiceCharging charging;

    public InvoiceFinalizedConsumer(Inbox inbox, InvoiceCharging charging) {
        this.inbox = inbox;
        this.charging = charging;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onInvoiceFinalized(String payload) {
        AtomicReference<OpenedAttempt> opened = new AtomicReference<>();
        return inbox.consume(CHANNEL, payload, EventCatalog.INVOICE_FINALIZED,
                (event, data) -> charging.openAttempt(event.tenantid(), PaymentEvents.due(data.invoice()))
                        .invoke(opened::set).replaceWithVoid())
                .chain(() -> opened.get() == null ? Uni.createFrom().voidItem() : charge(opened.get()));
    }

    private Uni<Void> charge(OpenedAttempt attempt) {
        return charging.charge(attempt.tenantId(), attempt.paymentId())
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Payment %s: provider call or recording failed, the recovery job will repeat it: %s",
                            attempt.paymentId(), failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}
